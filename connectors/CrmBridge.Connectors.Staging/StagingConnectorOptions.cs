using System.ComponentModel.DataAnnotations;

namespace CrmBridge.Connectors.Staging;

/// <summary>
/// Options of the staging-table connector, bound from <c>Connectors:Staging</c> (docs/staging.md). The connection string is a
/// secret: set it from configuration or Key Vault only.
/// </summary>
public sealed class StagingConnectorOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Connectors:Staging";

    /// <summary>Gets or sets the system name used in routes, envelopes and errors.</summary>
    /// <value>Default <c>staging</c>.</value>
    [Required]
    public string System { get; set; } = "staging";

    /// <summary>Gets or sets the database engine. Only <c>PostgreSql</c> is implemented (SQL Server DDL is in docs/staging.md, untested).</summary>
    /// <value>Default <c>PostgreSql</c>.</value>
    [Required]
    public string Dialect { get; set; } = "PostgreSql";

    /// <summary>Gets or sets the connection string (Npgsql format). A secret: configuration or Key Vault only. Required.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Gets or sets the schema that holds the staging and outbox tables.</summary>
    /// <value>Default <c>public</c>.</value>
    [Required]
    [RegularExpression(StagingTables.IdentifierPattern, ErrorMessage = "Connectors:Staging:Schema must be a plain SQL identifier (letters, digits, _).")]
    public string Schema { get; set; } = "public";

    /// <summary>Gets or sets the CRM → ERP staging table's name.</summary>
    /// <value>Default <c>crm_to_erp_staging</c>.</value>
    [Required]
    [RegularExpression(StagingTables.IdentifierPattern, ErrorMessage = "Connectors:Staging:StagingTable must be a plain SQL identifier (letters, digits, _).")]
    public string StagingTable { get; set; } = "crm_to_erp_staging";

    /// <summary>Gets or sets the ERP outbox table's name.</summary>
    /// <value>Default <c>erp_outbox</c>.</value>
    [Required]
    [RegularExpression(StagingTables.IdentifierPattern, ErrorMessage = "Connectors:Staging:OutboxTable must be a plain SQL identifier (letters, digits, _).")]
    public string OutboxTable { get; set; } = "erp_outbox";

    /// <summary>Gets or sets how many rows one upsert statement carries; larger batches are split.</summary>
    /// <value>Default 1000.</value>
    [Range(1, 20_000)]
    public int BatchSize { get; set; } = 1000;

    /// <summary>Gets or sets how many outbox rows one change read returns at most.</summary>
    /// <value>Default 500.</value>
    [Range(1, 10_000)]
    public int OutboxPageSize { get; set; } = 500;

    /// <summary>
    /// Gets or sets how long a missing outbox sequence number is waited for (a transaction that has not committed yet) before it
    /// is treated as a permanent identity gap. Rows after the gap are returned meanwhile and re-read until then.
    /// </summary>
    /// <value>Default 2 minutes; make it longer than the ERP's longest transaction that writes the outbox.</value>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan OverlapWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets how long a statement waits for a row or table lock (an ERP job holding it) before failing transiently.</summary>
    /// <value>Default 10 s.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the timeout of one statement (a timeout is a transient error).</summary>
    /// <value>Default 30 s.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the Retry-After reported when the server refuses connections (too many connections).</summary>
    /// <value>Default 5 s.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan BusyRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the largest payload (serialized JSON) one row may carry; larger records fail permanently.</summary>
    /// <value>Default 1 MiB.</value>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxPayloadBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets how long a host's claim on a rejected or accepted row lasts before another host may handle it.</summary>
    /// <value>Default 5 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan RejectionLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets or sets, per entity, which outbox <c>entity_type</c> values its change feed reads. Unlisted entities use the built-in
    /// defaults: <c>sales_order</c> ← order_status, shipment, invoice; <c>case</c> ← case_resolution; any other entity ← itself.
    /// </summary>
    public Dictionary<string, string[]> OutboxTypes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the outbox types an entity's change feed reads.</summary>
    /// <param name="entity">The entity (for example <c>sales_order</c>).</param>
    /// <returns>The outbox <c>entity_type</c> values.</returns>
    public IReadOnlyList<string> OutboxTypesFor(string entity) =>
        OutboxTypes.TryGetValue(entity, out var configured) && configured.Length > 0 ? configured
        : entity switch
        {
            "sales_order" => ["order_status", "shipment", "invoice"],
            "case" => ["case_resolution"],
            _ => [entity],
        };

    /// <summary>Gets the qualified table names.</summary>
    internal StagingTables Tables => new(Schema, StagingTable, OutboxTable);
}
