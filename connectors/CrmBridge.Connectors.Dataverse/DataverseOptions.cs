using System.ComponentModel.DataAnnotations;

namespace CrmBridge.Connectors.Dataverse;

/// <summary>Options of the Dataverse connector, bound from the <c>Connectors:Dataverse</c> configuration section.</summary>
public sealed class DataverseOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Connectors:Dataverse";

    /// <summary>Gets or sets the system name used in routes, envelopes and mappings.</summary>
    /// <value>Default <c>dataverse</c>.</value>
    [Required]
    public string System { get; set; } = "dataverse";

    /// <summary>Gets or sets the environment URL, e.g. <c>https://contoso.crm.dynamics.com/</c>; the token scope is <c>{url}/.default</c>.</summary>
    /// <value>Required.</value>
    [Required]
    public Uri? EnvironmentUrl { get; set; }

    /// <summary>
    /// Gets or sets how long Dataverse keeps a change-tracking (delta) token usable; health reports its age against this.
    /// </summary>
    /// <value>Default 7 days (Dataverse's default; an organization setting can change it).</value>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan ChangeTrackingTokenLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Gets or sets how access tokens are obtained.</summary>
    /// <value>Default <see cref="DataverseAuthMode.ClientSecret"/>.</value>
    public DataverseAuthMode AuthMode { get; set; } = DataverseAuthMode.ClientSecret;

    /// <summary>Gets or sets the Microsoft Entra tenant id.</summary>
    /// <value>Required for client secret and certificate auth.</value>
    public string? TenantId { get; set; }

    /// <summary>Gets or sets the app registration's client id (or a user-assigned managed identity's client id).</summary>
    /// <value>Default none.</value>
    public string? ClientId { get; set; }

    /// <summary>Gets or sets the client secret. From configuration / Key Vault only; never committed.</summary>
    /// <value>Default none.</value>
    public string? ClientSecret { get; set; }

    /// <summary>Gets or sets the certificate file (PFX or PEM with key) for certificate auth.</summary>
    /// <value>Default none.</value>
    public string? CertificatePath { get; set; }

    /// <summary>Gets or sets the Entra authority host (sovereign clouds: <c>https://login.chinacloudapi.cn/</c>).</summary>
    /// <value>Default <c>https://login.microsoftonline.com/</c>.</value>
    public Uri AuthorityHost { get; set; } = new("https://login.microsoftonline.com/");

    /// <summary>Gets or sets the token endpoint for <see cref="DataverseAuthMode.TokenEndpoint"/>.</summary>
    /// <value>Default none.</value>
    public Uri? TokenEndpoint { get; set; }

    /// <summary>Gets or sets how long before expiry a cached token is renewed.</summary>
    /// <value>Default 5 min.</value>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the systemuserid of the bridge's application user; webhook events it caused are ignored (loop prevention).</summary>
    /// <value>Default none (nothing is ignored by user).</value>
    public Guid? ApplicationUserId { get; set; }

    /// <summary>Gets or sets the webhook secret: the WebhookKey (<c>?code=</c>) or the value of <see cref="WebhookHeaderName"/>.</summary>
    /// <value>Default none: every webhook call is rejected with 401 until one is configured.</value>
    public string? WebhookSecret { get; set; }

    /// <summary>
    /// Gets or sets the Azure Functions key that <c>crmbridge dataverse register</c> adds to the webhook as an
    /// <c>x-functions-key</c> header (the Functions route needs it besides <see cref="WebhookSecret"/>). From configuration
    /// or Key Vault only; not needed for the standalone host.
    /// </summary>
    /// <value>Default none.</value>
    public string? WebhookFunctionKey { get; set; }

    /// <summary>Gets or sets the header carrying the secret when the webhook is registered with HttpHeader authentication.</summary>
    /// <value>Default <c>x-crmbridge-key</c>.</value>
    public string WebhookHeaderName { get; set; } = "x-crmbridge-key";

    /// <summary>Gets or sets the largest webhook body accepted (Dataverse strips bodies above 256 KB itself).</summary>
    /// <value>Default 1 MiB.</value>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxWebhookBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets the concurrent requests per connector (per application user); Dataverse allows 52.</summary>
    /// <value>Default 16.</value>
    [Range(1, 51)]
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>Gets or sets the page size sent as <c>odata.maxpagesize</c> for change and query pages.</summary>
    /// <value>Default 5000 (Dataverse's maximum).</value>
    [Range(1, 5000)]
    public int PageSize { get; set; } = 5000;

    /// <summary>
    /// Gets or sets the requests per <c>$batch</c> call. Service protection counts each request inside a batch, so larger
    /// batches save round trips, not quota; set it lower (Microsoft suggests ~10 with more concurrency) if batches of
    /// complex records run into the 2-minute request timeout.
    /// </summary>
    /// <value>Default 1000 (the documented maximum).</value>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 1000;

    /// <summary>
    /// Gets or sets the longest URL sent as a request of its own. Reads by many ids (order lines, referenced records) size
    /// their <c>$filter</c> by it: a read that fits goes as one plain GET, a longer one inside a <c>$batch</c>.
    /// </summary>
    /// <value>Default 32,768 characters, the maximum URL length Dataverse accepts.</value>
    [Range(1024, 32768)]
    public int MaxUrlLength { get; set; } = 32768;

    /// <summary>
    /// Gets or sets the longest URL of a request sent inside a <c>$batch</c> body: filters by many ids are cut to this
    /// length, and the GETs go together in one <c>$batch</c> (at most <see cref="BatchSize"/> of them).
    /// </summary>
    /// <value>Default 65,536 characters, the maximum Dataverse accepts for requests inside a batch.</value>
    [Range(1024, 65536)]
    public int MaxBatchUrlLength { get; set; } = 65536;

    /// <summary>
    /// Gets or sets how many characters the filters of reads by id stay below <see cref="MaxUrlLength"/> and
    /// <see cref="MaxBatchUrlLength"/>: room for the <c>$skiptoken</c> (a paging cookie of a few hundred characters)
    /// Dataverse adds to the request's URL in its <c>@odata.nextLink</c>, which is sent back unchanged.
    /// </summary>
    /// <value>Default 2,048.</value>
    [Range(0, 8192)]
    public int UrlLengthMargin { get; set; } = 2048;

    /// <summary>
    /// Gets or sets how long before Dataverse's clock (its Date header) a <c>modifiedon</c> still counts as open: watermark
    /// polls read such rows at once and again on the next poll, so a row written later in the same second (modifiedon has
    /// one-second resolution) or committed late is not skipped. A repeat costs a queue message and no target write.
    /// </summary>
    /// <value>Default 2 s (the current second is always open, whatever this is).</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan WatermarkLag { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets the HTTP timeout per request.</summary>
    /// <value>Default 100 s.</value>
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Gets the entities by the name routes and mappings use; defaults for the standard tables are present.</summary>
    /// <value>
    /// accounts, contacts, salesorders (with salesorderdetails lines under <c>order_details</c>), salesorderdetails, incidents,
    /// each with a <c>$select</c> of the columns the default mappings use (including the custom <c>new_*</c> write-back columns).
    /// </value>
    public Dictionary<string, DataverseEntityOptions> Entities { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["accounts"] = new()
        {
            EntitySet = "accounts", LogicalName = "account", IdField = "accountid", AlternateKey = "accountnumber",
            Select = ["name", "accountnumber", "telephone1", "emailaddress1", "address1_line1", "address1_city", "address1_postalcode", "address1_country",
                "creditlimit", "customertypecode", "accountcategorycode", "statecode", "statuscode", "modifiedon", "versionnumber"],
        },
        ["contacts"] = new()
        {
            EntitySet = "contacts", LogicalName = "contact", IdField = "contactid",
            Select = ["firstname", "lastname", "fullname", "emailaddress1", "telephone1", "_parentcustomerid_value", "statecode", "modifiedon", "versionnumber"],
        },
        ["salesorders"] = new()
        {
            EntitySet = "salesorders", LogicalName = "salesorder", IdField = "salesorderid", AlternateKey = "ordernumber",
            Select = ["name", "ordernumber", "description", "_customerid_value", "totalamount", "requestdeliveryby", "statecode", "statuscode",
                "new_erpstatus", "new_trackingnumber", "new_invoicenumber", "createdon", "modifiedon", "versionnumber"],
            LinesEntitySet = "salesorderdetails", LinesParentField = "_salesorderid_value", LinesProperty = "order_details",
            LinesSelect = ["salesorderdetailid", "lineitemnumber", "productdescription", "quantity", "priceperunit", "manualdiscountamount", "extendedamount"],
        },
        ["salesorderdetails"] = new()
        {
            EntitySet = "salesorderdetails", LogicalName = "salesorderdetail", IdField = "salesorderdetailid",
            Select = ["_salesorderid_value", "lineitemnumber", "productdescription", "quantity", "priceperunit", "manualdiscountamount", "extendedamount", "modifiedon", "versionnumber"],
        },
        ["incidents"] = new()
        {
            EntitySet = "incidents", LogicalName = "incident", IdField = "incidentid", AlternateKey = "ticketnumber",
            Select = ["title", "ticketnumber", "description", "_customerid_value", "prioritycode", "caseorigincode", "statecode", "statuscode",
                "new_erpstatus", "new_resolution", "createdon", "modifiedon", "versionnumber"],
        },
    };
}
