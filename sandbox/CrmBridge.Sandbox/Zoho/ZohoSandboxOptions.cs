namespace CrmBridge.Sandbox.Zoho;

/// <summary>Options of the Zoho CRM emulator.</summary>
public sealed class ZohoSandboxOptions
{
    /// <summary>Gets or sets the OAuth client id the token endpoint accepts.</summary>
    /// <value>Default <c>sandbox-client</c> (an emulator credential, never a real one).</value>
    public string ClientId { get; set; } = "sandbox-client";

    /// <summary>Gets or sets the OAuth client secret the token endpoint accepts.</summary>
    /// <value>Default <c>sandbox-secret</c>.</value>
    public string ClientSecret { get; set; } = "sandbox-secret";

    /// <summary>Gets or sets the refresh token the token endpoint accepts.</summary>
    /// <value>Default <c>sandbox-refresh-token</c>.</value>
    public string RefreshToken { get; set; } = "sandbox-refresh-token";

    /// <summary>Gets or sets how long issued access tokens live.</summary>
    /// <value>Default 1 h, as Zoho's.</value>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets the clock (Modified_Time, token and channel expiry).</summary>
    /// <value>Default <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets how many API calls may run at once before 429 <c>TOO_MANY_REQUESTS</c>.</summary>
    /// <value>Default 25 (Zoho Ultimate edition).</value>
    public int MaxConcurrency { get; set; } = 25;

    /// <summary>Gets or sets the API credits available (one per call), or <see langword="null"/> for unlimited.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public long? CreditLimit { get; set; }

    /// <summary>Gets or sets custom module API names served besides the standard ones.</summary>
    /// <value>Default none.</value>
    public IList<string> CustomModules { get; } = new List<string>();

    /// <summary>Gets or sets whether notification callbacks are delivered to subscribed channels.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool DeliverNotifications { get; set; } = true;

    /// <summary>Gets or sets a fixed loopback port, or 0 for a free one (<c>crmbridge sandbox --port-base</c>).</summary>
    /// <value>Default 0.</value>
    public int Port { get; set; }
}
