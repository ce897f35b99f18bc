namespace CrmBridge.Admin;

/// <summary>OpenID Connect sign-in for the standalone host (instead of, or beside, the admin key).</summary>
public sealed class AdminOidcOptions
{
    /// <summary>Gets or sets the authority, e.g. <c>https://login.microsoftonline.com/{tenant}/v2.0</c>. Empty: OIDC off.</summary>
    public string? Authority { get; set; }

    /// <summary>Gets or sets the client (application) id.</summary>
    public string? ClientId { get; set; }

    /// <summary>Gets or sets the client secret (from configuration or Key Vault only).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Gets or sets the role claim value an admin must hold.</summary>
    /// <value><c>CrmBridge.Admin</c>.</value>
    public string RequiredRole { get; set; } = "CrmBridge.Admin";

    /// <summary>Gets a value indicating whether OIDC is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}
