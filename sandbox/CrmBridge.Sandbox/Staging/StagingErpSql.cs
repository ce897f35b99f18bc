namespace CrmBridge.Sandbox.Staging;

/// <summary>The emulated ERP's SQL: its own tables, the claim (ERP-FACTS §3) and the feedback writes.</summary>
internal sealed class StagingErpSql(StagingErpOptions o)
{
    private string Staging => o.Table(o.StagingTable);

    private string Outbox => o.Table(o.OutboxTable);

    public string Customers => o.Table("erp_customer");

    public string Orders => o.Table("erp_sales_order");

    public string Cases => o.Table("erp_case");

    public string Materials => o.Table("erp_material");

    /// <summary>Gets the ERP table that books a staged entity.</summary>
    public string Books(string entity) => entity switch
    {
        "customer" => Customers,
        "sales_order" => Orders,
        "case" => Cases,
        _ => throw new ArgumentException($"The emulated ERP books customer, sales_order and case, not '{entity}'.", nameof(entity)),
    };

    public string[] CreateTables =>
    [
        $"CREATE TABLE IF NOT EXISTS {Materials} (code varchar(64) PRIMARY KEY)",
        $"""
        CREATE TABLE IF NOT EXISTS {Customers} (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          number varchar(32) GENERATED ALWAYS AS ('CUST' || lpad(id::text, 6, '0')) STORED,
          external_code varchar(100) NOT NULL UNIQUE, name text NOT NULL, data jsonb NOT NULL,
          credit_limit numeric(18,2) NOT NULL DEFAULT 100000, version int NOT NULL DEFAULT 1)
        """,
        $"""
        CREATE TABLE IF NOT EXISTS {Orders} (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          number varchar(32) GENERATED ALWAYS AS ('XSDD' || lpad(id::text, 6, '0')) STORED,
          external_code varchar(100) NOT NULL UNIQUE, customer_id bigint NOT NULL, data jsonb NOT NULL,
          status varchar(16) NOT NULL DEFAULT 'OPEN', tracking_number varchar(64), carrier varchar(64), invoice_number varchar(64),
          version int NOT NULL DEFAULT 1)
        """,
        $"""
        CREATE TABLE IF NOT EXISTS {Cases} (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          number varchar(32) GENERATED ALWAYS AS ('SH' || lpad(id::text, 6, '0')) STORED,
          external_code varchar(100) NOT NULL UNIQUE, customer_id bigint, data jsonb NOT NULL,
          status varchar(16) NOT NULL DEFAULT 'OPEN', resolution text, version int NOT NULL DEFAULT 1)
        """,
    ];

    public string Claim => $"""
        UPDATE {Staging} SET status = 'processing', locked_by = @worker, locked_at = now()
        WHERE id IN (SELECT id FROM {Staging}
          WHERE (status = 'pending' AND coalesce(next_attempt_at, now()) <= now())
             OR (status = 'processing' AND locked_at < now() - make_interval(secs => @stale))
          ORDER BY id LIMIT @limit FOR UPDATE SKIP LOCKED)
        RETURNING id, entity_type, business_key, payload::text, payload_hash, attempt_count
        """;

    /// <summary>The feedback contract: only the claimed version of the row (same worker, same hash) may be completed.</summary>
    public string Accept => $"""
        UPDATE {Staging} SET status = 'done', erp_id = @erp_id, erp_number = @erp_number, error_code = NULL, error_message = NULL,
          processed_at = now(), locked_by = NULL, locked_at = NULL
        WHERE id = @id AND status = 'processing' AND locked_by = @worker AND payload_hash = @hash
        """;

    public string Reject => $"""
        UPDATE {Staging} SET status = 'error', error_code = @code, error_message = @message, attempt_count = attempt_count + 1,
          processed_at = now(), locked_by = NULL, locked_at = NULL
        WHERE id = @id AND status = 'processing' AND locked_by = @worker AND payload_hash = @hash
        """;

    public string Defer => $"""
        UPDATE {Staging} SET status = 'pending', attempt_count = attempt_count + 1, next_attempt_at = now() + make_interval(secs => @delay),
          locked_by = NULL, locked_at = NULL
        WHERE id = @id AND status = 'processing' AND locked_by = @worker AND payload_hash = @hash
        """;

    public string StagedStatus => $"SELECT status FROM {Staging} WHERE entity_type = @entity AND business_key = @key";

    public string WriteOutbox => $"""
        INSERT INTO {Outbox} (entity_type, erp_id, business_key, change_type, payload)
        VALUES (@type, @erp_id, @key, @change, @payload::jsonb)
        """;

    public string UpsertCustomer => $"""
        INSERT INTO {Customers} AS c (external_code, name, data) VALUES (@key, @name, @data::jsonb)
        ON CONFLICT (external_code) DO UPDATE SET name = EXCLUDED.name, data = EXCLUDED.data, version = c.version + 1
        RETURNING id, number, version, (xmax = 0), credit_limit
        """;

    public string UpsertOrder => $"""
        INSERT INTO {Orders} AS x (external_code, customer_id, data) VALUES (@key, @customer, @data::jsonb)
        ON CONFLICT (external_code) DO UPDATE SET customer_id = EXCLUDED.customer_id, data = EXCLUDED.data, version = x.version + 1
        RETURNING id, number, version, (xmax = 0), status, tracking_number, carrier, invoice_number
        """;

    public string UpsertCase => $"""
        INSERT INTO {Cases} AS x (external_code, customer_id, data) VALUES (@key, @customer, @data::jsonb)
        ON CONFLICT (external_code) DO UPDATE SET customer_id = EXCLUDED.customer_id, data = EXCLUDED.data, version = x.version + 1
        RETURNING id, number, version, (xmax = 0)
        """;
}
