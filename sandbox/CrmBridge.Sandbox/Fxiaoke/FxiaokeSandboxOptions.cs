namespace CrmBridge.Sandbox.Fxiaoke;

/// <summary>Options of the Fxiaoke OpenAPI emulator.</summary>
public sealed class FxiaokeSandboxOptions
{
    /// <summary>Gets or sets the appId the token endpoint accepts.</summary>
    /// <value>Default <c>FSAID_sandbox</c>.</value>
    public string AppId { get; set; } = "FSAID_sandbox";

    /// <summary>Gets or sets the appSecret the token endpoint accepts (a sandbox value, not a real secret).</summary>
    /// <value>Default <c>sandbox-secret</c>.</value>
    public string AppSecret { get; set; } = "sandbox-secret";

    /// <summary>Gets or sets the permanent code the token endpoint accepts.</summary>
    /// <value>Default <c>sandbox-permanent-code</c>.</value>
    public string PermanentCode { get; set; } = "sandbox-permanent-code";

    /// <summary>Gets or sets the tenant's corpId.</summary>
    /// <value>Default <c>FSCID_SANDBOX</c>.</value>
    public string CorpId { get; set; } = "FSCID_SANDBOX";

    /// <summary>Gets or sets the token lifetime (<c>expiresIn</c>).</summary>
    /// <value>Default 7200 s.</value>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromSeconds(7200);

    /// <summary>Gets or sets how many calls one API path accepts per <see cref="RateLimitWindow"/> before errorCode 14001.</summary>
    /// <value>Default 100 (the platform's 100 calls / 20 s).</value>
    public int CallsPerWindow { get; set; } = 100;

    /// <summary>Gets or sets the rate-limit window.</summary>
    /// <value>Default 20 s.</value>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Gets or sets how many token requests are accepted per minute.</summary>
    /// <value>Default 10.</value>
    public int TokenRequestsPerMinute { get; set; } = 10;

    /// <summary>Gets or sets the daily call quota (errorCode 30002 past it; resets at midnight China time), or null for none.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public long? DailyQuota { get; set; }

    /// <summary>Gets or sets whether the tenant bought an OpenAPI quota at all (else every data call gets errorCode 30003).</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool QuotaPurchased { get; set; } = true;

    /// <summary>Gets or sets the largest offset a query accepts (errorCode 10013 past it).</summary>
    /// <value>Default 10000.</value>
    public int MaxOffset { get; set; } = 10_000;

    /// <summary>Gets or sets how injected server errors look.</summary>
    /// <value>Default <see cref="FxiaokeServerErrorShape.SystemBusyCode"/>.</value>
    public FxiaokeServerErrorShape ServerErrorShape { get; set; } = FxiaokeServerErrorShape.SystemBusyCode;

    /// <summary>Gets or sets the object API name of service tickets.</summary>
    /// <value>Default <c>CasesObj</c>.</value>
    public string ServiceTicketObject { get; set; } = "CasesObj";

    /// <summary>Gets or sets the master/detail relations.</summary>
    /// <value>Default SalesOrderObj → SalesOrderProductObj by order_id.</value>
    public IDictionary<string, FxiaokeSandboxDetail> DetailObjects { get; set; } = new Dictionary<string, FxiaokeSandboxDetail>(StringComparer.Ordinal)
    {
        ["SalesOrderObj"] = new("SalesOrderProductObj", "order_id"),
    };

    /// <summary>Gets or sets the clock for timestamps, token expiry, rate windows and the quota day.</summary>
    /// <value>Default <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets a fixed loopback port, or 0 for a free one (<c>crmbridge sandbox --port-base</c>).</summary>
    /// <value>Default 0.</value>
    public int Port { get; set; }
}
