using System.ComponentModel.DataAnnotations;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>Options of the Business Central connector, bound from the <c>Connectors:BusinessCentral</c> configuration section.</summary>
public sealed class BusinessCentralOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Connectors:BusinessCentral";

    /// <summary>Gets or sets the system name used in routes, envelopes and mappings.</summary>
    /// <value>Default <c>businesscentral</c>.</value>
    [Required]
    public string System { get; set; } = "businesscentral";

    /// <summary>
    /// Gets or sets the API root, e.g. <c>https://api.businesscentral.dynamics.com/v2.0/{tenantId}/{environment}/api/v2.0/</c>
    /// (on-premises: <c>https://host:7048/{instance}/api/v2.0/</c>).
    /// </summary>
    /// <value>Required.</value>
    [Required]
    public Uri? ApiUrl { get; set; }

    /// <summary>Gets or sets the company: its id (GUID) or its name as <c>GET companies</c> lists it; resolved once.</summary>
    /// <value>Required.</value>
    [Required]
    public string? Company { get; set; }

    /// <summary>Gets or sets how access tokens are obtained.</summary>
    /// <value>Default <see cref="BusinessCentralAuthMode.ClientSecret"/>.</value>
    public BusinessCentralAuthMode AuthMode { get; set; } = BusinessCentralAuthMode.ClientSecret;

    /// <summary>Gets or sets the Microsoft Entra tenant id.</summary>
    /// <value>Required for client secret and certificate auth.</value>
    public string? TenantId { get; set; }

    /// <summary>Gets or sets the Entra app registration's client id (also entered on BC's "Microsoft Entra applications" page).</summary>
    /// <value>Required.</value>
    public string? ClientId { get; set; }

    /// <summary>Gets or sets the client secret. From configuration / Key Vault only; never committed.</summary>
    /// <value>Default none.</value>
    public string? ClientSecret { get; set; }

    /// <summary>Gets or sets the certificate file (PFX or PEM with key) for certificate auth.</summary>
    /// <value>Default none.</value>
    public string? CertificatePath { get; set; }

    /// <summary>Gets or sets the Entra authority host.</summary>
    /// <value>Default <c>https://login.microsoftonline.com/</c>.</value>
    public Uri AuthorityHost { get; set; } = new("https://login.microsoftonline.com/");

    /// <summary>Gets or sets the token endpoint for <see cref="BusinessCentralAuthMode.TokenEndpoint"/>.</summary>
    /// <value>Default none.</value>
    public Uri? TokenEndpoint { get; set; }

    /// <summary>Gets or sets the token scope.</summary>
    /// <value>Default <c>https://api.businesscentral.dynamics.com/.default</c>.</value>
    [Required]
    public string Scope { get; set; } = "https://api.businesscentral.dynamics.com/.default";

    /// <summary>Gets or sets how long before expiry a cached token is renewed.</summary>
    /// <value>Default 5 min.</value>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the concurrent requests (Business Central: 5 per user, more are queued and time out with 503).</summary>
    /// <value>Default 5.</value>
    [Range(1, 100)]
    public int MaxConcurrency { get; set; } = 5;

    /// <summary>Gets or sets the requests per <see cref="RequestWindow"/> the client-side limiter allows (BC online: 6,000 per 5 min per user).</summary>
    /// <value>Default 6000.</value>
    [Range(1, 1_000_000)]
    public int RequestsPerWindow { get; set; } = 6000;

    /// <summary>Gets or sets the sliding window of <see cref="RequestsPerWindow"/>.</summary>
    /// <value>Default 5 min.</value>
    public TimeSpan RequestWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets how many times a 429/502/503/504 is retried inside the connector before the pipeline's own retry takes over.</summary>
    /// <value>Default 2.</value>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>Gets or sets the first inline backoff when the answer carries no Retry-After (doubles per attempt).</summary>
    /// <value>Default 1 s.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest wait the connector sleeps inline; a longer Retry-After is handed to the pipeline.</summary>
    /// <value>Default 5 s.</value>
    public TimeSpan MaxInlineWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the Retry-After reported for a 429 without one (BC documents none for 429).</summary>
    /// <value>Default 30 s.</value>
    public TimeSpan ThrottleBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the operations per <c>$batch</c> call (BC's limit is 100).</summary>
    /// <value>Default 100.</value>
    [Range(1, 100)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Gets or sets the page size asked with <c>Prefer: odata.maxpagesize</c> for change polls.</summary>
    /// <value>Default 500.</value>
    [Range(1, 20000)]
    public int PageSize { get; set; } = 500;

    /// <summary>
    /// Gets or sets how far behind the newest <c>lastModifiedDateTime</c> seen each poll re-reads: a record committed late
    /// with an earlier timestamp is still found; records already returned are recognised and not returned twice.
    /// </summary>
    /// <value>Default 2 min.</value>
    public TimeSpan WatermarkOverlap { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets whether a new sales order is created with its lines in one POST (deep insert); otherwise header, then lines in one snapshot batch.</summary>
    /// <value>Default <see langword="true"/> (deep insert of salesOrders is by analogy with salesQuotes, see docs/business-central.md).</value>
    public bool DeepInsertLines { get; set; } = true;

    /// <summary>
    /// Gets or sets the custom API page (relative to the API root's host, e.g. <c>api/contoso/shipping/v1.0</c>) whose
    /// <c>shipmentTrackings</c> entity set gives <c>packageTrackingNo</c> per shipment number; the standard salesShipments API has none.
    /// </summary>
    /// <value>Default none (shipments are read without a tracking number).</value>
    public string? TrackingApiPath { get; set; }

    /// <summary>Gets or sets the entity set of the custom tracking page.</summary>
    /// <value>Default <c>shipmentTrackings</c>.</value>
    public string TrackingEntitySet { get; set; } = "shipmentTrackings";

    /// <summary>Gets or sets the URL Business Central posts notifications to (the Functions app's <c>/api/webhooks/system/businesscentral</c>).</summary>
    /// <value>Default none: no subscriptions, polling only.</value>
    public Uri? NotificationUrl { get; set; }

    /// <summary>Gets or sets the clientState sent with subscriptions and checked on every notification (≤ 2048 characters). A secret.</summary>
    /// <value>Default none: notifications are rejected with 401 until one is configured.</value>
    [MaxLength(2048)]
    public string? ClientState { get; set; }

    /// <summary>Gets or sets how long before the 3-day expiry a subscription is renewed.</summary>
    /// <value>Default 1 day.</value>
    public TimeSpan RenewBefore { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Gets or sets the largest notification body accepted.</summary>
    /// <value>Default 1 MiB.</value>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxWebhookBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets the HTTP timeout per request (BC answers 408 after 8 min).</summary>
    /// <value>Default 100 s.</value>
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Gets the entities by their API v2.0 entity set name.</summary>
    /// <value>customers (writable), salesOrders (writable, lines
    /// <c>salesOrderLines</c>), salesShipments (read only, not subscribable), salesInvoices (read only).</value>
    public Dictionary<string, BusinessCentralEntityOptions> Entities { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["customers"] = new() { Writable = true },
        ["salesOrders"] = new() { Writable = true, LinesProperty = "salesOrderLines" },
        ["salesShipments"] = new() { LinesProperty = "salesShipmentLines", Subscribable = false },
        ["salesInvoices"] = new(),
    };
}
