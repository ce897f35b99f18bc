using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Dataverse;

/// <summary>A validated write: column values by read name, lookup targets, and the Target as a webhook shows it.</summary>
internal sealed class DataverseWrite
{
    public Dictionary<string, JsonNode?> Values { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> LookupTargets { get; } = new(StringComparer.Ordinal);

    public JsonObject Target { get; } = [];
}
