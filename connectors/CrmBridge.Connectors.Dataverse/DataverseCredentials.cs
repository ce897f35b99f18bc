using Azure.Core;
using Azure.Identity;
using CrmBridge.Connectors.Entra;

namespace CrmBridge.Connectors.Dataverse;

/// <summary>Builds the <see cref="TokenCredential"/> the options ask for.</summary>
internal static class DataverseCredentials
{
    public static TokenCredential Create(DataverseOptions options, IHttpClientFactory httpClients, TimeProvider time) => options.AuthMode switch
    {
        DataverseAuthMode.ClientSecret => new ClientSecretCredential(
            Required(options.TenantId, nameof(options.TenantId)), Required(options.ClientId, nameof(options.ClientId)),
            Required(options.ClientSecret, nameof(options.ClientSecret)), new ClientSecretCredentialOptions { AuthorityHost = options.AuthorityHost }),
        DataverseAuthMode.Certificate => new ClientCertificateCredential(
            Required(options.TenantId, nameof(options.TenantId)), Required(options.ClientId, nameof(options.ClientId)),
            Required(options.CertificatePath, nameof(options.CertificatePath)), new ClientCertificateCredentialOptions { AuthorityHost = options.AuthorityHost }),
        DataverseAuthMode.ManagedIdentity => new ManagedIdentityCredential(
            string.IsNullOrEmpty(options.ClientId) ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(options.ClientId)),
        DataverseAuthMode.TokenEndpoint => new ClientCredentialsTokenCredential(
            () => httpClients.CreateClient(DataverseConnector.HttpClientName), options.TokenEndpoint ?? throw Missing(nameof(options.TokenEndpoint)), Required(options.ClientId, nameof(options.ClientId)),
            Required(options.ClientSecret, nameof(options.ClientSecret)), time),
        _ => throw new InvalidOperationException($"Unknown auth mode {options.AuthMode}."),
    };

    private static string Required(string? value, string name) => string.IsNullOrWhiteSpace(value) ? throw Missing(name) : value;

    private static InvalidOperationException Missing(string name) =>
        new($"Connectors:Dataverse:{name} must be configured for the chosen AuthMode.");
}
