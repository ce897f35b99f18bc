using System.Data.Common;

namespace CrmBridge.Connectors.Staging.Dialects;

/// <summary>
/// The seam between the connector and one database engine: the SQL text (each statement takes the same named parameters on
/// every engine; whole batches travel as one JSON text parameter, so no engine-specific array or table-valued binding is
/// needed), the connection factory and the classification of the engine's errors. PostgreSQL is implemented
/// (<see cref="PostgresDialect"/>); SQL Server's statements are written down in docs/staging.md and untested.
/// </summary>
internal interface IStagingDialect
{
    /// <summary>Gets the dialect's name as configured (<c>PostgreSql</c>).</summary>
    string Name { get; }

    /// <summary>Gets the idempotent DDL statements that create the schema, the tables and their indexes, in order.</summary>
    IReadOnlyList<string> CreateSchema(StagingTables tables);

    /// <summary>Gets the statement that serializes concurrent schema creation (run first, in the same transaction).</summary>
    string SchemaLock(StagingTables tables);

    /// <summary>
    /// Gets the batch upsert: <c>@batch_id</c> (uuid text), <c>@rows</c> (JSON array of
    /// <c>{entity_type, business_key, payload, payload_hash}</c> sorted by key). Returns <c>business_key, inserted</c> for every
    /// row inserted or re-staged; rows whose payload hash is unchanged (and that are not <c>dead</c>) are left alone and not returned.
    /// </summary>
    string Upsert(StagingTables tables);

    /// <summary>Gets the read of one staged row by <c>@entity</c> and <c>@key</c>.</summary>
    string SelectRow(StagingTables tables);

    /// <summary>
    /// Gets the outbox read: rows with <c>seq &gt; @after</c> in <c>seq</c> order, at most <c>@limit</c>, every entity type
    /// (gaps are judged over the whole sequence) with a <c>wanted</c> flag for types in <c>@types</c> (JSON array) and the payload only for those.
    /// </summary>
    string ReadOutbox(StagingTables tables);

    /// <summary>
    /// Gets the claim of rejected rows: at most <c>@limit</c> rows in status <c>error</c>, oldest first, not claimed by another
    /// bridge host within <c>@lease_seconds</c>, skipping locked rows; marks them <c>locked_by = @owner</c>.
    /// </summary>
    string ClaimRejections(StagingTables tables);

    /// <summary>Gets the acknowledgement of one surfaced rejection: <c>error</c> → <c>dead</c> when <c>@id</c> still has <c>@hash</c>.</summary>
    string AcknowledgeRejection(StagingTables tables);

    /// <summary>
    /// Gets the claim of accepted rows whose ERP identity the bridge has not recorded yet: at most <c>@limit</c> rows in status
    /// <c>done</c> not marked <see cref="StagingMarks.Recorded"/>, oldest first, not claimed by another bridge host within
    /// <c>@lease_seconds</c>, skipping locked rows; marks them <c>locked_by = @owner</c>.
    /// </summary>
    string ClaimAcceptances(StagingTables tables);

    /// <summary>
    /// Gets the acknowledgement of recorded acceptances: <c>@rows</c> (JSON array of <c>{id, payload_hash}</c>) still
    /// <c>done</c>, claimed by <c>@owner</c> and unchanged are marked <see cref="StagingMarks.Recorded"/>.
    /// </summary>
    string AcknowledgeAcceptances(StagingTables tables);

    /// <summary>Checks a serialized payload against the engine's limits.</summary>
    /// <param name="payload">The payload.</param>
    /// <param name="json">The payload serialized.</param>
    /// <returns>A reason when the engine cannot store it, else <see langword="null"/>.</returns>
    string? CheckPayload(System.Text.Json.Nodes.JsonObject payload, string json);

    /// <summary>Creates the pooled data source for the connection string and options.</summary>
    DbDataSource CreateDataSource(StagingConnectorOptions options);

    /// <summary>Translates an engine failure into a classified exception, or returns <see langword="null"/> when it is not one.</summary>
    /// <param name="system">The system name.</param>
    /// <param name="what">What was being done (for the message).</param>
    /// <param name="exception">The failure.</param>
    /// <param name="options">The options (Retry-After for a busy server).</param>
    ConnectorException? Classify(string system, string what, Exception exception, StagingConnectorOptions options);
}
