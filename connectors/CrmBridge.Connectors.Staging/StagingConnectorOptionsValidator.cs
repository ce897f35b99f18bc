using CrmBridge.Connectors.Staging.Dialects;
using Microsoft.Extensions.Options;

namespace CrmBridge.Connectors.Staging;

/// <summary>Checks what DataAnnotations cannot: a present connection string and a supported dialect.</summary>
internal sealed class StagingConnectorOptionsValidator : IValidateOptions<StagingConnectorOptions>
{
    public ValidateOptionsResult Validate(string? name, StagingConnectorOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{StagingConnectorOptions.SectionName}:ConnectionString is required (set it from configuration or Key Vault, never in committed settings).");
        }

        if (!StagingDialects.IsKnown(options.Dialect))
        {
            failures.Add($"{StagingConnectorOptions.SectionName}:Dialect '{options.Dialect}' is not supported; use PostgreSql (SQL Server's DDL is in docs/staging.md, untested).");
        }

        foreach (var (entity, types) in options.OutboxTypes)
        {
            if (types.Length == 0 || types.Any(string.IsNullOrWhiteSpace))
            {
                failures.Add($"{StagingConnectorOptions.SectionName}:OutboxTypes:{entity} must list at least one outbox entity_type.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
