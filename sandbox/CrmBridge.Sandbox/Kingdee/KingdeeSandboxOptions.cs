namespace CrmBridge.Sandbox.Kingdee;

/// <summary>Options of the K3Cloud emulator (<see cref="KingdeeSandbox"/>): the tenant's credentials and its awkward settings.</summary>
public sealed class KingdeeSandboxOptions
{
    /// <summary>Gets or sets the data-centre id logins must name.</summary>
    /// <value>Default <c>66a0b1c2d3e4f5</c>.</value>
    public string AcctId { get; set; } = "66a0b1c2d3e4f5";

    /// <summary>Gets or sets the integration user.</summary>
    /// <value>Default <c>crmbridge</c>.</value>
    public string Username { get; set; } = "crmbridge";

    /// <summary>Gets or sets the AppID of the third-party system registration (<c>&lt;clientId&gt;_&lt;base64 suffix&gt;</c>).</summary>
    /// <value>Default a sandbox value shaped like a real one.</value>
    public string AppId { get; set; } = "297431_5f8dUwDqRmlbxP/KV/5CXzyuzs7YXBmM";

    /// <summary>Gets or sets the AppSecret. Required.</summary>
    public string AppSecret { get; set; } = string.Empty;

    /// <summary>Gets or sets how long a session lives without use (the real TTL is UNCONFIRMED).</summary>
    /// <value>Default 20 min.</value>
    public TimeSpan SessionTtl { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Gets or sets the server's time zone: <c>FModifyDate</c> and <c>FDate</c> are local times without an offset.</summary>
    /// <value>Default <c>Asia/Shanghai</c>.</value>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>
    /// Gets or sets whether times (<c>FModifyDate</c>…) are answered to the whole second instead of with milliseconds. The
    /// precision K3Cloud answers is UNCONFIRMED (its columns are SQL datetimes); whole seconds are the harder case for a poller.
    /// </summary>
    /// <value>Default <see langword="false"/> (milliseconds).</value>
    public bool WholeSecondTimes { get; set; }

    /// <summary>Gets or sets whether order lines must name a material seeded with <see cref="KingdeeSandbox.SeedMaterial"/>.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool RequireKnownMaterials { get; set; } = true;

    /// <summary>
    /// Gets or sets whether pushing a delivery or a receivable bumps the order's <c>FModifyDate</c> (UNCONFIRMED in K3Cloud).
    /// </summary>
    /// <value>Default <see langword="false"/> (the harder case for a poller).</value>
    public bool WriteBackBumpsOrder { get; set; }

    /// <summary>Gets or sets the id of the customer-specific complaints form the tenant has (K3Cloud has no standard one).</summary>
    /// <value>Default <c>PAEZ_CRM_Case</c>.</value>
    public string CaseFormId { get; set; } = "PAEZ_CRM_Case";

    /// <summary>Gets or sets the clock.</summary>
    /// <value>Default <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets a fixed port, or 0 for a free one.</summary>
    public int Port { get; set; }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(AppSecret) || string.IsNullOrWhiteSpace(AppId) || string.IsNullOrWhiteSpace(AcctId) || string.IsNullOrWhiteSpace(Username))
        {
            throw new ArgumentException("KingdeeSandboxOptions needs AcctId, Username, AppId and AppSecret.");
        }

        if (SessionTtl <= TimeSpan.Zero || !TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            throw new ArgumentException("KingdeeSandboxOptions.SessionTtl must be positive and TimeZone a known zone id.");
        }
    }
}
