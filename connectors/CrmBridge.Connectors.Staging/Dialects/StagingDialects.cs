namespace CrmBridge.Connectors.Staging.Dialects;

/// <summary>Resolves the configured dialect name.</summary>
internal static class StagingDialects
{
    public static bool IsKnown(string? name) => string.Equals(name, PostgresDialect.DialectName, StringComparison.OrdinalIgnoreCase);

    public static IStagingDialect Resolve(string? name) => IsKnown(name)
        ? new PostgresDialect()
        : throw new InvalidOperationException(
            $"{StagingConnectorOptions.SectionName}:Dialect '{name}' is not supported; use PostgreSql (SQL Server's DDL is in docs/staging.md, untested).");
}
