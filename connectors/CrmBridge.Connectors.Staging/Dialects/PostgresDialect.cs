using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace CrmBridge.Connectors.Staging.Dialects;

/// <summary>The PostgreSQL dialect (Npgsql): <c>INSERT … ON CONFLICT</c>, <c>jsonb_to_recordset</c>, <c>FOR UPDATE SKIP LOCKED</c>.</summary>
internal sealed partial class PostgresDialect : IStagingDialect
{
    public const string DialectName = "PostgreSql";

    public string Name => DialectName;

    // One DDL run per schema at a time; it may wait for another host's run longer than the configured lock timeout.
    public string SchemaLock(StagingTables t) =>
        $"SET LOCAL lock_timeout = '60s'; SELECT pg_advisory_xact_lock(hashtext('crmbridge.staging.{t.Schema}'))";

    public IReadOnlyList<string> CreateSchema(StagingTables t) =>
    [
        // Not CREATE SCHEMA IF NOT EXISTS: that needs CREATE on the database even when the schema exists (a DBA made it).
        $"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = '{t.Schema}') THEN CREATE SCHEMA {Q(t.Schema)}; END IF; END $$",
        $"""
        CREATE TABLE IF NOT EXISTS {Staging(t)} (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          batch_id uuid NOT NULL,
          entity_type varchar(32) NOT NULL,
          business_key varchar(100) NOT NULL,
          payload jsonb NOT NULL,
          payload_hash char(64) NOT NULL,
          status varchar(12) NOT NULL DEFAULT 'pending'
            CHECK (status IN ('pending','processing','done','error','dead')),
          attempt_count int NOT NULL DEFAULT 0,
          next_attempt_at timestamptz,
          locked_by varchar(64),
          locked_at timestamptz,
          erp_id varchar(64),
          erp_number varchar(64),
          error_code varchar(32),
          error_message text,
          created_at timestamptz NOT NULL DEFAULT now(),
          updated_at timestamptz NOT NULL DEFAULT now(),
          processed_at timestamptz,
          UNIQUE (entity_type, business_key))
        """,
        $"CREATE INDEX IF NOT EXISTS {Q(t.Staging + "_claim_ix")} ON {Staging(t)} (status, next_attempt_at, id)",
        // Small and hot: only accepted rows whose ERP identity the bridge has not recorded yet (the predicate matches ClaimAcceptances).
        $"CREATE INDEX IF NOT EXISTS {Q(t.Staging + "_accepted_ix")} ON {Staging(t)} (id) WHERE {NotRecorded}",
        $"""
        CREATE TABLE IF NOT EXISTS {Outbox(t)} (
          seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          entity_type varchar(32) NOT NULL,
          erp_id varchar(64) NOT NULL,
          business_key varchar(100),
          change_type varchar(12) NOT NULL,
          payload jsonb NOT NULL,
          occurred_at timestamptz NOT NULL DEFAULT now())
        """,
    ];

    public string Upsert(StagingTables t) => $"""
        INSERT INTO {Staging(t)} AS s (batch_id, entity_type, business_key, payload, payload_hash)
        SELECT @batch_id::uuid, r.entity_type, r.business_key, r.payload, r.payload_hash
        FROM jsonb_to_recordset(@rows::jsonb) AS r(entity_type varchar(32), business_key varchar(100), payload jsonb, payload_hash char(64))
        WHERE NOT EXISTS (SELECT 1 FROM {Staging(t)} x -- unchanged rows are not even locked (a resync writes nothing)
          WHERE x.entity_type = r.entity_type AND x.business_key = r.business_key AND x.payload_hash = r.payload_hash AND x.status <> 'dead')
        ON CONFLICT (entity_type, business_key) DO UPDATE
        SET payload = EXCLUDED.payload, payload_hash = EXCLUDED.payload_hash, batch_id = EXCLUDED.batch_id,
            status = 'pending', attempt_count = 0, next_attempt_at = NULL, locked_by = NULL, locked_at = NULL,
            error_code = NULL, error_message = NULL, updated_at = now()
        WHERE s.payload_hash <> EXCLUDED.payload_hash OR s.status = 'dead'
        RETURNING s.business_key, (s.xmax = 0) AS inserted
        """;

    public string SelectRow(StagingTables t) => $"""
        SELECT id, payload::text, status, erp_id, erp_number, error_code, error_message, attempt_count, updated_at, processed_at
        FROM {Staging(t)} WHERE entity_type = @entity AND business_key = @key
        """;

    public string ReadOutbox(StagingTables t) => $"""
        SELECT o.seq, o.entity_type, o.erp_id, o.business_key, o.change_type, o.occurred_at, w.wanted,
               CASE WHEN w.wanted THEN o.payload::text END AS payload
        FROM {Outbox(t)} o
        CROSS JOIN LATERAL (SELECT o.entity_type IN (SELECT jsonb_array_elements_text(@types::jsonb)) AS wanted) w
        WHERE o.seq > @after ORDER BY o.seq LIMIT @limit
        """;

    public string ClaimRejections(StagingTables t) => $"""
        UPDATE {Staging(t)} s SET locked_by = @owner, locked_at = now()
        WHERE s.id IN (
          SELECT id FROM {Staging(t)}
          WHERE status = 'error'
            AND (locked_by IS NULL OR locked_by NOT LIKE 'crmbridge:%' OR locked_by = @owner
                 OR locked_at < now() - make_interval(secs => @lease_seconds))
          ORDER BY id LIMIT @limit FOR UPDATE SKIP LOCKED)
        RETURNING s.id, s.entity_type, s.business_key, s.payload_hash, s.error_code, s.error_message, s.attempt_count,
                  s.processed_at, s.updated_at
        """;

    public string AcknowledgeRejection(StagingTables t) => $"""
        UPDATE {Staging(t)} SET status = 'dead', locked_by = NULL, locked_at = NULL, updated_at = now()
        WHERE id = @id AND status = 'error' AND payload_hash = @hash
        """;

    public string ClaimAcceptances(StagingTables t) => $"""
        UPDATE {Staging(t)} s SET locked_by = @owner, locked_at = now()
        WHERE s.id IN (
          SELECT id FROM {Staging(t)}
          WHERE {NotRecorded}
            AND (locked_by IS NULL OR locked_by NOT LIKE 'crmbridge:%' OR locked_by = @owner
                 OR locked_at < now() - make_interval(secs => @lease_seconds))
          ORDER BY id LIMIT @limit FOR UPDATE SKIP LOCKED)
        RETURNING s.id, s.entity_type, s.business_key, s.payload_hash, s.erp_id, s.erp_number, s.processed_at, s.updated_at
        """;

    public string AcknowledgeAcceptances(StagingTables t) => $"""
        UPDATE {Staging(t)} s SET locked_by = '{StagingMarks.Recorded}', locked_at = NULL
        FROM jsonb_to_recordset(@rows::jsonb) AS a(id bigint, payload_hash char(64))
        WHERE s.id = a.id AND s.payload_hash = a.payload_hash AND s.status = 'done' AND s.locked_by = @owner
        """;

    public string? CheckPayload(JsonObject payload, string json) =>
        json.Contains("\\u0000", StringComparison.Ordinal) && HasNul(payload)
            ? "the payload contains a NUL character (\\u0000), which PostgreSQL jsonb cannot store"
            : null;

    private static bool HasNul(JsonNode? node) => node switch
    {
        JsonObject o => o.Any(p => p.Key.Contains('\0', StringComparison.Ordinal) || HasNul(p.Value)),
        JsonArray a => a.Any(HasNul),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Contains('\0', StringComparison.Ordinal),
        _ => false,
    };

    public DbDataSource CreateDataSource(StagingConnectorOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            CommandTimeout = (int)Math.Ceiling(options.CommandTimeout.TotalSeconds),
        };
        var lockTimeout = ((long)options.LockTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? $"-c lock_timeout={lockTimeout}" : $"{builder.Options} -c lock_timeout={lockTimeout}";
        builder.ApplicationName ??= "crmbridge";
        return NpgsqlDataSource.Create(builder);
    }

    // Written the same way in the partial index and in the claim, so the planner can prove the claim may use the index.
    private static string NotRecorded => $"status = 'done' AND (locked_by IS NULL OR locked_by <> '{StagingMarks.Recorded}')";

    private static string Q(string identifier) => "\"" + identifier + "\"";

    private static string Staging(StagingTables t) => $"{Q(t.Schema)}.{Q(t.Staging)}";

    private static string Outbox(StagingTables t) => $"{Q(t.Schema)}.{Q(t.Outbox)}";
}
