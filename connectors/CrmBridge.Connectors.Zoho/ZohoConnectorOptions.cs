using System.ComponentModel.DataAnnotations;

namespace CrmBridge.Connectors.Zoho;

/// <summary>Options of the Zoho CRM connector, bound from <c>Connectors:Zoho</c>. Secrets come only from configuration.</summary>
public sealed class ZohoConnectorOptions : IValidatableObject
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Connectors:Zoho";

    /// <summary>Gets or sets the system name used in routes and envelopes.</summary>
    /// <value>Default <c>zoho</c>.</value>
    [Required]
    public string System { get; set; } = "zoho";

    /// <summary>Gets or sets the data centre whose accounts server issues tokens.</summary>
    /// <value>Default <see cref="ZohoDataCenter.US"/>.</value>
    public ZohoDataCenter DataCenter { get; set; } = ZohoDataCenter.US;

    /// <summary>Gets or sets an explicit accounts server (overrides <see cref="DataCenter"/>; for sandboxes and proxies).</summary>
    /// <value>Default <see langword="null"/>.</value>
    public Uri? AccountsUrl { get; set; }

    /// <summary>Gets or sets the OAuth client id (self client or server-based client).</summary>
    /// <value>No default: required.</value>
    [Required]
    public string? ClientId { get; set; }

    /// <summary>Gets or sets the OAuth client secret.</summary>
    /// <value>No default: required, from a secret store.</value>
    [Required]
    public string? ClientSecret { get; set; }

    /// <summary>Gets or sets the long-lived refresh token.</summary>
    /// <value>No default: required, from a secret store.</value>
    [Required]
    public string? RefreshToken { get; set; }

    /// <summary>Gets or sets the CRM API version path segment.</summary>
    /// <value>Default <c>v7</c>.</value>
    [Required]
    [RegularExpression("^v[0-9]+(\\.[0-9]+)?$")]
    public string ApiVersion { get; set; } = "v7";

    /// <summary>Gets or sets how long before <c>expires_in</c> a cached access token is refreshed.</summary>
    /// <value>Default 5 min.</value>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the timeout of one HTTP call.</summary>
    /// <value>Default 60 s.</value>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the records per read call (Zoho allows at most 200).</summary>
    /// <value>Default 200.</value>
    [Range(1, 200)]
    public int PageSize { get; set; } = 200;

    /// <summary>
    /// Gets or sets how long before Zoho's clock a Modified_Time still counts as open: change polls read such edits again
    /// on the next poll (Modified_Time has one-second resolution, and an edit may become visible to COQL a little after it
    /// is stamped). A repeat costs a queue message and no target write.
    /// </summary>
    /// <value>Default 2 s (the current second is always open, whatever this is).</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan ChangeOverlap { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Gets or sets whether each change poll of a module ends with a read of Zoho's deleted-records list
    /// (<c>GET /{module}/deleted</c>), so deletions reach routes with <c>onDelete: delete</c> without notifications. Costs
    /// one API call per module per poll when nothing was deleted.
    /// </summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool PollDeletions { get; set; } = true;

    /// <summary>Gets or sets the records per upsert/update call (Zoho allows at most 100).</summary>
    /// <value>Default 100.</value>
    [Range(1, 100)]
    public int WriteBatchSize { get; set; } = 100;

    /// <summary>Gets or sets the wait announced for a 429 that carries no Retry-After (Zoho's usually do not).</summary>
    /// <value>Default 10 s.</value>
    public TimeSpan ThrottleDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the wait when the API credits of the rolling 24 h window are exhausted.</summary>
    /// <value>Default 1 h (quota waits do not spend an envelope's attempts).</value>
    public TimeSpan CreditExhaustedDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets the module configuration per entity; entities not listed use the built-in defaults.</summary>
    /// <value>Default empty.</value>
    public IDictionary<string, ZohoModuleOptions> Modules { get; } = new Dictionary<string, ZohoModuleOptions>(StringComparer.Ordinal);

    /// <summary>Gets or sets the public URL Zoho posts notification callbacks to; <see langword="null"/> disables subscriptions.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public Uri? NotifyUrl { get; set; }

    /// <summary>
    /// Gets or sets the channel token Zoho echoes in every callback: a secret, at most 50 characters (Zoho's only rule;
    /// use a long random value).
    /// </summary>
    /// <value>No default: required for notifications.</value>
    [StringLength(50, MinimumLength = 1)]
    public string? NotificationToken { get; set; }

    /// <summary>Gets the entities whose changes are watched.</summary>
    /// <value>Default empty: Accounts, Sales_Orders and Cases.</value>
    public IList<string> NotificationEntities { get; } = new List<string>();

    /// <summary>Gets or sets how long a channel lives per subscription or renewal (Zoho allows at most one week).</summary>
    /// <value>Default 1 day.</value>
    public TimeSpan ChannelLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Gets or sets how long before expiry a channel is renewed.</summary>
    /// <value>Default 2 h.</value>
    public TimeSpan RenewBefore { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Gets or sets how often the subscriber checks for channels to renew.</summary>
    /// <value>Default 5 min.</value>
    public TimeSpan RenewCheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the first channel id; the n-th watched entity uses this plus n.</summary>
    /// <value>Default 1000000068000.</value>
    [Range(1, long.MaxValue)]
    public long ChannelIdBase { get; set; } = 1_000_000_068_000;

    /// <summary>Gets or sets how long after a write its notification is recognised as the bridge's own echo.</summary>
    /// <value>Default 2 min.</value>
    public TimeSpan EchoWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets the largest callback body accepted (413 beyond).</summary>
    /// <value>Default 256 KiB.</value>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxCallbackBytes { get; set; } = 256 * 1024;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ChannelLifetime <= TimeSpan.Zero || ChannelLifetime > TimeSpan.FromDays(7))
        {
            yield return new ValidationResult("ChannelLifetime must be between 0 and 7 days.", [nameof(ChannelLifetime)]);
        }

        if (RenewBefore <= TimeSpan.Zero || RenewBefore >= ChannelLifetime)
        {
            yield return new ValidationResult("RenewBefore must be positive and shorter than ChannelLifetime.", [nameof(RenewBefore)]);
        }

        if (!SecureUrls.MayCarrySecrets(AccountsUrl))
        {
            yield return new ValidationResult(SecureUrls.Error($"{SectionName}:AccountsUrl", "the client secret and refresh token"), [nameof(AccountsUrl)]);
        }

        if (NotifyUrl is not null && string.IsNullOrEmpty(NotificationToken))
        {
            yield return new ValidationResult("NotificationToken is required when NotifyUrl is set.", [nameof(NotificationToken)]);
        }

        foreach (var (entity, module) in Modules)
        {
            if (module.Fields.Count == 0 && ZohoModuleDefaults.For(module.ApiName ?? entity) is null)
            {
                yield return new ValidationResult($"Modules:{entity}:Fields is required for a custom module.", [nameof(Modules)]);
            }
        }
    }
}
