using System.ComponentModel.DataAnnotations;

namespace CrmBridge.Connectors.Erp;

/// <summary>
/// Options of the REST ERP connector, bound from <c>Connectors:Erp</c>. The defaults fit the reference ERP
/// (docs/reference-erp.md); a real ERP with a REST API is plugged in by changing the base URL, the auth header, the
/// per-entity paths and the field names.
/// </summary>
public sealed class ErpConnectorOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Connectors:Erp";

    /// <summary>Gets or sets the system name used in routes, envelopes and errors.</summary>
    /// <value>Default <c>erp</c>.</value>
    [Required]
    public string System { get; set; } = "erp";

    /// <summary>Gets or sets the ERP API's base URL (absolute http/https); paths below are relative to it. Required.</summary>
    [Required]
    public string? BaseUrl { get; set; }

    /// <summary>Gets or sets the API key. A secret: set it from configuration or Key Vault only. Required.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the header that carries <see cref="ApiKey"/>.</summary>
    /// <value>Default <c>X-Api-Key</c>.</value>
    [Required]
    public string ApiKeyHeader { get; set; } = "X-Api-Key";

    /// <summary>Gets or sets the timeout of one HTTP call (a timeout is a transient error).</summary>
    /// <value>Default 30 s.</value>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets per-entity settings; an entity not listed uses <see cref="ErpEntityOptions"/>' defaults.</summary>
    public Dictionary<string, ErpEntityOptions> Entities { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the change feed's path.</summary>
    /// <value>Default <c>api/changes</c>.</value>
    [Required]
    public string ChangesPath { get; set; } = "api/changes";

    /// <summary>Gets or sets how many changes one change-feed call asks for.</summary>
    /// <value>Default 500 (the reference ERP's maximum).</value>
    [Range(1, 500)]
    public int ChangesPageSize { get; set; } = 500;

    /// <summary>Gets or sets how many records one batch call carries; larger batches are split.</summary>
    /// <value>Default 200 (the reference ERP's maximum; set 100 for Business Central, whose <c>$batch</c> allows 100).</value>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>Gets or sets the secret the ERP sends in <c>X-Erp-Webhook-Key</c>; without it every webhook call gets 401.</summary>
    public string? WebhookKey { get; set; }

    /// <summary>Gets or sets the largest webhook body accepted; larger bodies get 413.</summary>
    /// <value>Default 64 KiB.</value>
    [Range(256, 16 * 1024 * 1024)]
    public int WebhookMaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Gets the effective settings of an entity (configured or default).</summary>
    /// <param name="entity">The entity name (for example <c>salesOrders</c>).</param>
    /// <returns>The settings.</returns>
    public ErpEntityOptions GetEntity(string entity) =>
        Entities.TryGetValue(entity, out var configured) ? configured : new ErpEntityOptions();
}
