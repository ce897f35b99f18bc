namespace CrmBridge.Admin;

/// <summary>
/// Sign-in on Azure: App Service Authentication (Easy Auth) signs the admin in with Entra ID and passes the principal
/// in <c>X-MS-CLIENT-PRINCIPAL</c>; the page requires an app role. Easy Auth strips that header from incoming requests,
/// so the page trusts it only when <see cref="Enabled"/> says Easy Auth is on (infra/main.bicep sets both).
/// </summary>
public sealed class EasyAuthOptions
{
    /// <summary>Gets or sets a value indicating whether Easy Auth guards the app. While false, the Functions page refuses everyone.</summary>
    /// <value><see langword="false"/>.</value>
    public bool Enabled { get; set; }

    /// <summary>Gets or sets the app role (of the app registration) an admin must hold.</summary>
    /// <value><c>CrmBridge.Admin</c>.</value>
    public string RequiredRole { get; set; } = "CrmBridge.Admin";
}
