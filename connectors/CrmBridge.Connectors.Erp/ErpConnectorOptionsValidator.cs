using Microsoft.Extensions.Options;

namespace CrmBridge.Connectors.Erp;

/// <summary>Checks what DataAnnotations cannot: an absolute base URL, a present API key, complete entity settings.</summary>
internal sealed class ErpConnectorOptionsValidator : IValidateOptions<ErpConnectorOptions>
{
    public ValidateOptionsResult Validate(string? name, ErpConnectorOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{ErpConnectorOptions.SectionName}:BaseUrl must be an absolute http(s) URL.");
        }
        else if (!SecureUrls.MayCarrySecrets(baseUrl))
        {
            failures.Add(SecureUrls.Error($"{ErpConnectorOptions.SectionName}:BaseUrl", "the API key"));
        }

        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            failures.Add($"{ErpConnectorOptions.SectionName}:ApiKey is required (set it from configuration or Key Vault, never in committed settings).");
        }

        foreach (var (entity, settings) in options.Entities)
        {
            if (string.IsNullOrWhiteSpace(settings.KeyField) || string.IsNullOrWhiteSpace(settings.IdField)
                || string.IsNullOrWhiteSpace(settings.UpsertPath) || string.IsNullOrWhiteSpace(settings.RecordPath))
            {
                failures.Add($"{ErpConnectorOptions.SectionName}:Entities:{entity} needs KeyField, IdField, UpsertPath and RecordPath.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
