namespace CrmBridge.Connectors.Dataverse;

/// <summary>How the connector obtains its OAuth2 access tokens (client credentials flow, scope <c>{environment}/.default</c>).</summary>
public enum DataverseAuthMode
{
    /// <summary>Azure.Identity <c>ClientSecretCredential</c> (tenant, client id, client secret).</summary>
    ClientSecret = 0,

    /// <summary>Azure.Identity <c>ClientCertificateCredential</c> (tenant, client id, PFX/PEM certificate path).</summary>
    Certificate = 1,

    /// <summary>Azure.Identity <c>ManagedIdentityCredential</c> (system-assigned, or user-assigned when a client id is set).</summary>
    ManagedIdentity = 2,

    /// <summary>
    /// A plain client-credentials POST to <see cref="DataverseOptions.TokenEndpoint"/>. For token endpoints Azure.Identity
    /// refuses: it requires an https authority host, so the loopback emulator (http://127.0.0.1) uses this mode.
    /// </summary>
    TokenEndpoint = 3,
}
