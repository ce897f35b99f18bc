using System.ComponentModel.DataAnnotations;

namespace CrmBridge.Connectors.Kingdee;

/// <summary>
/// Options of the Kingdee K3Cloud connector, bound from <c>Connectors:Kingdee</c>. Secrets (<see cref="AppSecret"/>) come
/// from configuration or Key Vault only. Facts and sources: docs/kingdee.md.
/// </summary>
public sealed class KingdeeConnectorOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Connectors:Kingdee";

    /// <summary>Gets or sets the system name used in routes, envelopes, mappings and errors.</summary>
    /// <value>Default <c>k3cloud</c>.</value>
    [Required]
    public string System { get; set; } = "k3cloud";

    /// <summary>Gets or sets the K3Cloud site, for example <c>http://erp.example.com/k3cloud/</c>. Required.</summary>
    [Required]
    public string? ServerUrl { get; set; }

    /// <summary>Gets or sets how the connector signs in.</summary>
    /// <value>Default <see cref="KingdeeAuthMode.AppSecret"/>.</value>
    public KingdeeAuthMode AuthMode { get; set; } = KingdeeAuthMode.AppSecret;

    /// <summary>Gets or sets the data-centre id (<c>acctID</c>). Required.</summary>
    [Required]
    public string? AcctId { get; set; }

    /// <summary>Gets or sets the K3Cloud user the integration acts as. Required.</summary>
    [Required]
    public string? Username { get; set; }

    /// <summary>Gets or sets the AppID of the third-party system registration (<c>&lt;clientId&gt;_&lt;32 chars&gt;</c>). Required.</summary>
    [Required]
    public string? AppId { get; set; }

    /// <summary>Gets or sets the AppSecret of the registration. A secret: configuration or Key Vault only. Required.</summary>
    public string? AppSecret { get; set; }

    /// <summary>Gets or sets the language id: 2052 zh-CN, 1033 en, 3076 zh-TW.</summary>
    /// <value>Default 2052.</value>
    [Range(1, 65535)]
    public int Lcid { get; set; } = 2052;

    /// <summary>Gets or sets the organisation number sent in <c>X-Kd-Appdata</c> (signature-header mode).</summary>
    /// <value>Default empty.</value>
    public string OrgNumber { get; set; } = string.Empty;

    /// <summary>Gets or sets the timeout of one HTTP call (a timeout is transient).</summary>
    /// <value>Default 60 s.</value>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets how long to wait after MsgCode 14 (call limit); K3Cloud publishes no number and sends no Retry-After.</summary>
    /// <value>Default 60 s.</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan ThrottleDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets how often a call that hit a network-control conflict (MsgCode 13, another user holds the bill) is retried at once.</summary>
    /// <value>Default 2.</value>
    [Range(0, 10)]
    public int NetworkControlRetries { get; set; } = 2;

    /// <summary>Gets or sets the wait before such a retry; it doubles per retry.</summary>
    /// <value>Default 500 ms.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan NetworkControlDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Gets or sets the <c>Limit</c> of one ExecuteBillQuery page (K3Cloud allows at most 10 000; older versions 2 000).</summary>
    /// <value>Default 2 000.</value>
    [Range(1, 10_000)]
    public int PageSize { get; set; } = 2000;

    /// <summary>Gets or sets how many records one BatchSave carries; larger batches are split.</summary>
    /// <value>Default 100.</value>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// Gets or sets the time zone of the K3Cloud server: <c>FModifyDate</c> is server-local time without an offset.
    /// </summary>
    /// <value>Default <c>Asia/Shanghai</c>.</value>
    [Required]
    public string ServerTimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>
    /// Gets or sets how long a modification time stays "open": changes stamped with the newest watermark are re-read until it
    /// is this old (clock skew plus commit delay), because a later write can carry the same timestamp.
    /// </summary>
    /// <value>Default 2 min.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan WatermarkSettle { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets the forms by entity name; <c>BD_Customer</c> and <c>SAL_SaleOrder</c> are pre-set and may be adjusted.</summary>
    public Dictionary<string, KingdeeFormOptions> Forms { get; set; } = KingdeeFormDefaults.Forms();

    /// <summary>Gets or sets the entity whose change snapshots carry the linked bills of <see cref="OrderLinks"/>.</summary>
    /// <value>Default <c>SAL_SaleOrder</c>.</value>
    public string OrderEntity { get; set; } = KingdeeFormDefaults.SalesOrder;

    /// <summary>Gets or sets the bills read back onto orders: <c>Shipment</c> (SAL_OUTSTOCK) and <c>Receivable</c> (AR_receivable) by default.</summary>
    public Dictionary<string, KingdeeOrderLinkOptions> OrderLinks { get; set; } = KingdeeFormDefaults.OrderLinks();

    /// <summary>Gets the settings of an entity: configured, or a generic form named after it.</summary>
    /// <param name="entity">The entity name.</param>
    /// <returns>The settings.</returns>
    public KingdeeFormOptions GetForm(string entity) =>
        Forms.TryGetValue(entity, out var form) ? form : new KingdeeFormOptions { FormId = entity };
}
