using Microsoft.Extensions.Options;

namespace CrmBridge.Connectors.Kingdee;

/// <summary>Checks what DataAnnotations cannot: an absolute server URL, the secret the sign-in mode needs, complete forms.</summary>
internal sealed class KingdeeConnectorOptionsValidator : IValidateOptions<KingdeeConnectorOptions>
{
    public ValidateOptionsResult Validate(string? name, KingdeeConnectorOptions options)
    {
        const string S = KingdeeConnectorOptions.SectionName;
        var failures = new List<string>();
        if (!Uri.TryCreate(options.ServerUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{S}:ServerUrl must be the absolute http(s) URL of the K3Cloud site, for example http://erp.example.com/k3cloud/.");
        }

        if (string.IsNullOrWhiteSpace(options.AppSecret))
        {
            failures.Add($"{S}:AppSecret is required (the third-party system registration's secret; set it from configuration or Key Vault, never in committed settings).");
        }

        if (options.AuthMode == KingdeeAuthMode.SignatureHeaders && options.AppId?.Contains('_', StringComparison.Ordinal) != true)
        {
            failures.Add($"{S}:AppId must be the full AppID '<clientId>_<suffix>' for AuthMode SignatureHeaders.");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.ServerTimeZone, out _))
        {
            failures.Add($"{S}:ServerTimeZone '{options.ServerTimeZone}' is not a known time zone id (for example Asia/Shanghai).");
        }

        foreach (var (entity, form) in options.Forms)
        {
            if (form is null || string.IsNullOrWhiteSpace(form.KeyField) || string.IsNullOrWhiteSpace(form.PkField)
                || string.IsNullOrWhiteSpace(form.NumberField) || string.IsNullOrWhiteSpace(form.ModifyDateField))
            {
                failures.Add($"{S}:Forms:{entity} needs KeyField, PkField, NumberField and ModifyDateField.");
            }
        }

        foreach (var (link, settings) in options.OrderLinks)
        {
            if (settings is null || string.IsNullOrWhiteSpace(settings.FormId) || string.IsNullOrWhiteSpace(settings.OrderNumberField) || string.IsNullOrWhiteSpace(settings.Property))
            {
                failures.Add($"{S}:OrderLinks:{link} needs FormId, OrderNumberField and Property.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
