using Azure.Core;
using Azure.Identity;
using CrmBridge.Connectors.Entra;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>Builds the <see cref="TokenCredential"/> the options ask for.</summary>
internal static class BusinessCentralCredentials
{
    public static TokenCredential Create(BusinessCentralOptions options, Func<HttpClient> http, TimeProvider time) => options.AuthMode switch
    {
        BusinessCentralAuthMode.ClientSecret => new ClientSecretCredential(
            Required(options.TenantId, nameof(options.TenantId)), Required(options.ClientId, nameof(options.ClientId)),
            Required(options.ClientSecret, nameof(options.ClientSecret)), new ClientSecretCredentialOptions { AuthorityHost = options.AuthorityHost }),
        BusinessCentralAuthMode.Certificate => new ClientCertificateCredential(
            Required(options.TenantId, nameof(options.TenantId)), Required(options.ClientId, nameof(options.ClientId)),
            Required(options.CertificatePath, nameof(options.CertificatePath)), new ClientCertificateCredentialOptions { AuthorityHost = options.AuthorityHost }),
        BusinessCentralAuthMode.TokenEndpoint => new ClientCredentialsTokenCredential(
            http, options.TokenEndpoint ?? throw Missing(nameof(options.TokenEndpoint)), Required(options.ClientId, nameof(options.ClientId)),
            Required(options.ClientSecret, nameof(options.ClientSecret)), time),
        _ => throw new InvalidOperationException($"Unknown auth mode {options.AuthMode}."),
    };

    private static string Required(string? value, string name) => string.IsNullOrWhiteSpace(value) ? throw Missing(name) : value;

    private static InvalidOperationException Missing(string name) =>
        new($"{BusinessCentralOptions.SectionName}:{name} must be configured for the chosen AuthMode (secrets from configuration or Key Vault).");
}
