namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>How the connector obtains its OAuth2 access tokens (client credentials, scope <see cref="BusinessCentralOptions.Scope"/>).</summary>
public enum BusinessCentralAuthMode
{
    /// <summary>Azure.Identity <c>ClientSecretCredential</c> (tenant, client id, client secret). The production default.</summary>
    ClientSecret = 0,

    /// <summary>Azure.Identity <c>ClientCertificateCredential</c> (tenant, client id, PFX/PEM certificate path).</summary>
    Certificate = 1,

    /// <summary>
    /// A plain client-credentials POST to <see cref="BusinessCentralOptions.TokenEndpoint"/>, for token endpoints
    /// Azure.Identity refuses (it requires an https authority host): the loopback emulator on http://127.0.0.1.
    /// </summary>
    TokenEndpoint = 2,
}
