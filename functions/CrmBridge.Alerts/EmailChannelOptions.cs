namespace CrmBridge.Alerts;

/// <summary>The email channel; it is on when <see cref="Host"/> and <see cref="To"/> are set.</summary>
public sealed class EmailChannelOptions
{
    /// <summary>Gets or sets the SMTP server.</summary>
    /// <value>Default none (channel off).</value>
    public string? Host { get; set; }

    /// <summary>Gets or sets the SMTP port.</summary>
    /// <value>Default 587.</value>
    public int Port { get; set; } = 587;

    /// <summary>Gets or sets whether to use STARTTLS.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool EnableSsl { get; set; } = true;

    /// <summary>Gets or sets the SMTP user, when the server wants one.</summary>
    public string? UserName { get; set; }

    /// <summary>Gets or sets the SMTP password (a secret: from configuration or Key Vault only).</summary>
    public string? Password { get; set; }

    /// <summary>Gets or sets the sender address.</summary>
    /// <value>Default <c>crmbridge@localhost</c>.</value>
    public string From { get; set; } = "crmbridge@localhost";

    /// <summary>Gets or sets the recipients, comma-separated.</summary>
    public string? To { get; set; }
}
