using System.ComponentModel.DataAnnotations;

namespace CrmBridge.Connectors.Fxiaoke;

/// <summary>
/// Options of the Fxiaoke connector, bound from <c>Connectors:Fxiaoke</c>. Credentials (app id, app secret, permanent code)
/// come only from configuration or a secret store and have no defaults.
/// </summary>
public sealed class FxiaokeOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Connectors:Fxiaoke";

    /// <summary>Gets or sets the system name used in routes and envelopes.</summary>
    /// <value>Default <c>fxiaoke</c>.</value>
    [Required]
    public string System { get; set; } = "fxiaoke";

    /// <summary>Gets or sets the OpenAPI base URL of the tenant's cloud (open.fxiaoke.com, open-hwcloud.fxiaoke.com, ...).</summary>
    /// <value>Default <c>https://open.fxiaoke.com/</c>.</value>
    [Required]
    public Uri BaseUrl { get; set; } = new("https://open.fxiaoke.com/");

    /// <summary>Gets or sets the self-built application's appId (<c>FSAID_...</c>).</summary>
    /// <value>No default: required.</value>
    [Required]
    public string AppId { get; set; } = string.Empty;

    /// <summary>Gets or sets the application's appSecret.</summary>
    /// <value>No default: required (a secret; keep it in Key Vault or user secrets).</value>
    [Required]
    public string AppSecret { get; set; } = string.Empty;

    /// <summary>Gets or sets the permanent authorisation code the tenant admin issued to the app.</summary>
    /// <value>No default: required (a secret).</value>
    [Required]
    public string PermanentCode { get; set; } = string.Empty;

    /// <summary>Gets or sets the openUserId the bridge acts as (<c>currentOpenUserId</c>); also the default owner of created records.</summary>
    /// <value>No default: required. Use a dedicated integration user so the bridge's own writes are recognisable.</value>
    [Required]
    public string CurrentOpenUserId { get; set; } = string.Empty;

    /// <summary>Gets or sets how long before the token's <c>expiresIn</c> it is renewed.</summary>
    /// <value>Default 10 min (the docs say cache 6600 s of the 7200 s lifetime).</value>
    public TimeSpan TokenRenewalMargin { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets or sets how many token requests may be made per minute (the platform allows 10).</summary>
    /// <value>Default 10.</value>
    [Range(1, 10)]
    public int MaxTokenRequestsPerMinute { get; set; } = 10;

    /// <summary>Gets or sets how many calls one API (path) may receive per <see cref="RateLimitWindow"/>.</summary>
    /// <value>Default 100 (platform limit: 100 calls / 20 s per interface; higher only with the 独立库 product).</value>
    [Range(1, 100_000)]
    public int CallsPerWindow { get; set; } = 100;

    /// <summary>Gets or sets the rate-limit window.</summary>
    /// <value>Default 20 s.</value>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Gets or sets the longest a call waits client-side for a rate-limit slot before failing as throttled.</summary>
    /// <value>Default 30 s.</value>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets the retry delay reported for the platform's rate-limit codes (14001, 30004), which carry no Retry-After.
    /// </summary>
    /// <value>Default 20 s (one rate-limit window).</value>
    public TimeSpan ThrottleRetryAfter { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Gets or sets the time zone whose midnight resets the daily quota (30002).</summary>
    /// <value>Default <c>Asia/Shanghai</c> (the docs: 0点重新统计).</value>
    [Required]
    public string QuotaTimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Gets or sets the time of day the daily quota resets, in <see cref="QuotaTimeZone"/>.</summary>
    /// <value>Default 00:00.</value>
    public TimeSpan QuotaResetTimeOfDay { get; set; } = TimeSpan.Zero;

    /// <summary>Gets or sets the page size of change queries (the platform allows at most 100).</summary>
    /// <value>Default 100.</value>
    [Range(1, 100)]
    public int PageSize { get; set; } = 100;

    /// <summary>
    /// Gets or sets how long before the platform's clock (its Date header) a <c>last_modified_time</c> still counts as open:
    /// change polls read such records at once and again on the next poll, so an edit stamped in the same millisecond as a
    /// poll, or made visible to queries late, is not missed. A repeat costs a queue message and no target write.
    /// </summary>
    /// <value>Default 2 s (the platform's current second is always open, whatever this is).</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan ChangeDetectionLag { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets the HTTP timeout of one call.</summary>
    /// <value>Default 30 s.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the object API name used for service tickets (complaints).</summary>
    /// <value>Default <c>CasesObj</c>; tenants with a custom ticket object name it here (e.g. <c>service_ticket__c</c>).</value>
    [Required]
    public string ServiceTicketObject { get; set; } = "CasesObj";

    /// <summary>
    /// Gets or sets extra object API names that use the custom-object endpoints (<c>/cgi/crm/custom/v2/data/*</c>).
    /// Names ending in <c>__c</c> always do.
    /// </summary>
    /// <value>Default empty.</value>
    public IList<string> CustomObjects { get; set; } = [];

    /// <summary>Gets or sets the detail objects per master object API name, read inline and written with their master.</summary>
    /// <value>Default <c>SalesOrderObj</c> → <c>SalesOrderProductObj</c> by <c>order_id</c>.</value>
    public IDictionary<string, FxiaokeDetailObjectOptions> DetailObjects { get; set; } =
        new Dictionary<string, FxiaokeDetailObjectOptions>(StringComparer.Ordinal)
        {
            ["SalesOrderObj"] = new() { ApiName = "SalesOrderProductObj", MasterField = "order_id" },
        };

    /// <summary>Gets or sets the fields written as dates: ISO-8601 values are converted to epoch milliseconds.</summary>
    /// <value>Default <c>order_time</c>, <c>shipped_time__c</c>, <c>invoiced_time__c</c>, <c>resolved_time__c</c>, <c>last_synced_time__c</c> (the sync status time, docs/sync-status.md).</value>
    public IList<string> DateFields { get; set; } = ["order_time", "shipped_time__c", "invoiced_time__c", "resolved_time__c", "last_synced_time__c"];

    /// <summary>Gets or sets whether <see cref="IConnector.DeleteAsync"/> also deletes the invalidated record (else it only invalidates: recycle bin).</summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool HardDelete { get; set; }
}
