using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Staging;

/// <summary>
/// The ERP reached through staging tables (中间表): upserts stage rows in <c>crm_to_erp_staging</c> keyed by
/// (entity, business key) — the record's id on this side is its business key; the ERP job answers asynchronously (its
/// rejections through <see cref="IRejectionFeed"/>, its acceptances with the ERP's id and number through
/// <see cref="IAcceptanceFeed"/>); the ERP's own changes come from its outbox (<see cref="OutboxReader"/>).
/// Deletes are not staged: mappings to this system use <c>onDelete: ignore</c>. Change versions are outbox <c>seq</c>
/// values, which no two ERP writes share (<see cref="IExactVersions"/>).
/// </summary>
internal sealed class StagingConnector(StagingDatabase db, StagingWriter writer, OutboxReader outbox, RejectionReader rejections, AcceptanceReader acceptances)
    : IErpConnector, IRejectionFeed, IAcceptanceFeed, IExactVersions
{
    /// <inheritdoc cref="IConnector.System" />
    public string System => db.System;

    public async Task<SourceRecord?> GetAsync(string entity, string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entity);
        ArgumentException.ThrowIfNullOrEmpty(id);
        return await db.RunAsync($"reading {entity} {id}", (c, ct) => ReadRowAsync(c, entity, id, ct), cancellationToken).ConfigureAwait(false);
    }

    public Task<ChangePage> GetChangesAsync(string entity, string? checkpoint, CancellationToken cancellationToken) =>
        outbox.ReadAsync(entity, checkpoint, cancellationToken);

    public async Task<UpsertResult> UpsertAsync(UpsertRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = (await writer.UpsertAsync([request], cancellationToken).ConfigureAwait(false))[0];
        return result.Result ?? throw result.Error!;
    }

    public Task<IReadOnlyList<BatchItemResult>> UpsertBatchAsync(IReadOnlyList<UpsertRequest> requests, CancellationToken cancellationToken) =>
        writer.UpsertAsync(requests, cancellationToken);

    public Task<bool> DeleteAsync(string entity, string id, CancellationToken cancellationToken) =>
        throw new ConnectorException(System, ErrorKind.Permanent, "DELETE_NOT_SUPPORTED",
            $"{System}: staging tables carry no deletes ({entity} {id}); set 'onDelete: ignore' in the mapping (docs/staging.md).");

    public Task<IReadOnlyList<DeliveryRejection>> ReadRejectionsAsync(int limit, CancellationToken cancellationToken) =>
        rejections.ReadAsync(limit, cancellationToken);

    public Task<bool> AcknowledgeRejectionAsync(DeliveryRejection rejection, CancellationToken cancellationToken) =>
        rejections.AcknowledgeAsync(rejection, cancellationToken);

    public Task<IReadOnlyList<DeliveryAcceptance>> ReadAcceptancesAsync(int limit, CancellationToken cancellationToken) =>
        acceptances.ReadAsync(limit, cancellationToken);

    public Task<int> AcknowledgeAcceptancesAsync(IReadOnlyList<DeliveryAcceptance> accepted, CancellationToken cancellationToken) =>
        acceptances.AcknowledgeAsync(accepted, cancellationToken);

    private async Task<SourceRecord?> ReadRowAsync(DbConnection connection, string entity, string id, CancellationToken cancellationToken)
    {
        await using var command = StagingDatabase.Command(connection, db.Dialect.SelectRow(db.Tables), ("entity", entity), ("key", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var data = JsonNode.Parse(reader.GetString(1)) as JsonObject ?? [];
        data["_staging"] = new JsonObject
        {
            ["rowId"] = reader.GetInt64(0),
            ["status"] = reader.GetString(2),
            ["erpId"] = Text(reader, 3),
            ["erpNumber"] = Text(reader, 4),
            ["errorCode"] = Text(reader, 5),
            ["errorMessage"] = Text(reader, 6),
            ["attempts"] = reader.GetInt32(7),
            ["updatedAt"] = reader.GetFieldValue<DateTimeOffset>(8).ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            ["processedAt"] = reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9).ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        };
        return new SourceRecord(id, data, null);
    }

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
