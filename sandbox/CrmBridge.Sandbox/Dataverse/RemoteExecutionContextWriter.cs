using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Dataverse;

/// <summary>Serialises a change as the RemoteExecutionContext JSON a Dataverse webhook posts (dates as <c>\/Date(ms)\/</c>).</summary>
public static class RemoteExecutionContextWriter
{
    /// <summary>The size above which Dataverse strips parameters and images and sets <c>x-ms-dynamics-msg-size-exceeded</c>.</summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>Builds the body.</summary>
    /// <param name="change">The change.</param>
    /// <param name="organizationId">The organisation id.</param>
    /// <param name="createdOn">When the operation ran.</param>
    /// <param name="stripped">Whether to leave out InputParameters and images (message too large).</param>
    /// <param name="postImages">The registered post images by entity alias; <see langword="null"/> = one <c>PostImage</c> with every column.</param>
    /// <param name="mode">The step's mode (0 synchronous, 1 asynchronous).</param>
    /// <returns>The JSON text.</returns>
    public static string Write(DataverseChangeEvent change, Guid organizationId, DateTimeOffset createdOn, bool stripped = false, IReadOnlyDictionary<string, JsonObject>? postImages = null, int mode = 1)
    {
        ArgumentNullException.ThrowIfNull(change);
        var images = stripped || change.PostImage is null
            ? new JsonArray()
            : postImages is null
                ? new JsonArray(new JsonObject { ["key"] = "PostImage", ["value"] = Entity(change.Schema.LogicalName, change.Id, change.PostImage) })
                : new JsonArray(postImages.Select(p => (JsonNode)new JsonObject { ["key"] = p.Key, ["value"] = Entity(change.Schema.LogicalName, change.Id, p.Value) }).ToArray());
        var target = change.MessageName == "Delete"
            ? new JsonObject { ["Id"] = change.Id.ToString(), ["KeyAttributes"] = new JsonArray(), ["LogicalName"] = change.Schema.LogicalName, ["Name"] = null, ["RowVersion"] = null }
            : Entity(change.Schema.LogicalName, change.Id, change.Target);
        var context = new JsonObject
        {
            ["BusinessUnitId"] = organizationId.ToString(),
            ["CorrelationId"] = change.CorrelationId.ToString(),
            ["Depth"] = 1,
            ["InitiatingUserId"] = change.UserId.ToString(),
            ["InputParameters"] = stripped ? new JsonArray() : new JsonArray(new JsonObject { ["key"] = "Target", ["value"] = target }),
            ["IsExecutingOffline"] = false,
            ["IsInTransaction"] = false,
            ["MessageName"] = change.MessageName,
            ["Mode"] = mode,
            ["OperationCreatedOn"] = $"/Date({createdOn.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)})/",
            ["OperationId"] = Guid.NewGuid().ToString(),
            ["OrganizationId"] = organizationId.ToString(),
            ["OrganizationName"] = "crmbridgesandbox",
            ["OutputParameters"] = new JsonArray(),
            ["PostEntityImages"] = images,
            ["PreEntityImages"] = new JsonArray(),
            ["PrimaryEntityId"] = change.Id.ToString(),
            ["PrimaryEntityName"] = change.Schema.LogicalName,
            ["RequestId"] = Guid.NewGuid().ToString(),
            ["SecondaryEntityName"] = "none",
            ["SharedVariables"] = new JsonArray(),
            ["Stage"] = 40,
            ["UserId"] = change.UserId.ToString(),
        };

        // Dataverse writes WCF-style dates with an escaped slash: "\/Date(1506384247000)\/".
        return context.ToJsonString().Replace("\"/Date(", "\"\\/Date(", StringComparison.Ordinal).Replace(")/\"", ")\\/\"", StringComparison.Ordinal);
    }

    // RowVersion is null in the messages Dataverse posts (the documentation's examples and real captures alike); the post
    // image carries versionnumber as an attribute when it is registered with that column.
    private static JsonObject Entity(string logicalName, Guid id, JsonObject attributes)
    {
        var list = new JsonArray();
        foreach (var (key, value) in attributes)
        {
            list.Add(new JsonObject { ["key"] = key, ["value"] = value?.DeepClone() });
        }

        return new JsonObject
        {
            ["Attributes"] = list,
            ["EntityState"] = null,
            ["FormattedValues"] = new JsonArray(),
            ["Id"] = id.ToString(),
            ["KeyAttributes"] = new JsonArray(),
            ["LogicalName"] = logicalName,
            ["RelatedEntities"] = new JsonArray(),
            ["RowVersion"] = null,
        };
    }
}
