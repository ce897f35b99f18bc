using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Erp;

/// <summary>
/// Change detection over the ERP's change feed: the checkpoint is the last sequence number read, each change carries the
/// record snapshot (so the sync stage needs no second call), deletes come without one.
/// </summary>
internal sealed partial class ErpConnector
{
    /// <inheritdoc />
    public async Task<ChangePage> GetChangesAsync(string entity, string? checkpoint, CancellationToken cancellationToken)
    {
        var route = Route(entity);
        long after = 0;
        if (checkpoint is not null && !long.TryParse(checkpoint, NumberStyles.None, CultureInfo.InvariantCulture, out after))
        {
            throw new ConnectorException(System, ErrorKind.CheckpointExpired, "INVALID_CHECKPOINT",
                $"{System}: the {entity} checkpoint is not a change-feed sequence number; resync from the start.");
        }

        var path = $"{_options.ChangesPath.Trim('/')}?entity={Uri.EscapeDataString(route.FeedEntity)}"
            + $"&after={after.ToString(CultureInfo.InvariantCulture)}&limit={_options.ChangesPageSize.ToString(CultureInfo.InvariantCulture)}";
        var response = await SendAsync(HttpMethod.Get, path, null, entity, ifMatch: null, notFoundIsResult: false, cancellationToken).ConfigureAwait(false);
        if (response.Body is not JsonObject body || body["changes"] is not JsonArray items)
        {
            throw new ConnectorException(System, ErrorKind.Transient, "INVALID_RESPONSE", $"{System}: the change feed answer has no 'changes' array.");
        }

        var changes = new List<RecordChange>(items.Count);
        var last = after;
        foreach (var item in items.OfType<JsonObject>())
        {
            last = Math.Max(last, ReadLong(item["seq"]) ?? last);

            // Defensive: an ERP that ignores the entity filter must not leak other entities' records into this route.
            if (Text(item["entity"]) is { } itemEntity && !string.Equals(itemEntity, route.FeedEntity, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (Text(item["id"]) is not { } id)
            {
                continue;
            }

            var delete = string.Equals(Text(item["operation"]), "delete", StringComparison.OrdinalIgnoreCase);
            var snapshot = delete ? null : item["record"]?.DeepClone() as JsonObject;
            changes.Add(new RecordChange(id, delete ? ChangeOperation.Delete : ChangeOperation.Upsert, Text(item["version"]), snapshot));
        }

        var next = Math.Max(last, ReadLong(body["next"]) ?? last);
        var hasMore = body["hasMore"]?.GetValueKind() == JsonValueKind.True;
        var nextCheckpoint = next.ToString(CultureInfo.InvariantCulture);
        ErpConnectorLog.ChangesRead(_logger, System, entity, changes.Count, checkpoint ?? "start", hasMore);
        return new ChangePage(changes, nextCheckpoint, hasMore);
    }

    private static long? ReadLong(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.Number && long.TryParse(node.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
