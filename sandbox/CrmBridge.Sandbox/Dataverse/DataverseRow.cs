using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Dataverse;

/// <summary>One stored record: its columns as read (lookups as <c>_x_value</c>) and its row version.</summary>
internal sealed class DataverseRow
{
    public DataverseRow(Guid id, JsonObject data)
    {
        Id = id;
        Data = data;
    }

    public Guid Id { get; }

    public JsonObject Data { get; set; }

    public long Version { get; set; }

    /// <summary>Gets the target entity set per lookup read name (for the lookuplogicalname / formatted value annotations).</summary>
    public Dictionary<string, string> LookupTargets { get; } = new(StringComparer.Ordinal);

    public DataverseRow Clone()
    {
        var copy = new DataverseRow(Id, (JsonObject)Data.DeepClone()) { Version = Version };
        foreach (var pair in LookupTargets)
        {
            copy.LookupTargets[pair.Key] = pair.Value;
        }

        return copy;
    }
}
