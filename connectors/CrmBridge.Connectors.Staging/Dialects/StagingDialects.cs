namespace CrmBridge.Connectors.Staging.Dialects;

/// <summary>Resolves the configured dialect name.</summary>
internal static class StagingDialects
{
    public static bool IsKnown(string? name) => string.Equals(name, PostgresDialect.DialectName, StringComparison.OrdinalIgnoreCase);

    public static IStagingDialect Resolve(string? name) => IsKnown(name)
        ? new PostgresDialect()
        : throw new InvalidOperationException(
            $"{StagingConnectorOptions.SectionName}:Dialect '{name}' is not supported; use PostgreSql (SQL Server's DDL is in docs/staging.md, untested).");

    /// <summary>Describes where the staging tables are (engine, host, port, database), never the credentials.</summary>
    public static string Describe(StagingConnectorOptions options)
    {
        var builder = new System.Data.Common.DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = options.ConnectionString ?? string.Empty;
        }
        catch (ArgumentException)
        {
            return options.Dialect;
        }

        string? Value(params string[] keys) => keys.Select(k => builder.TryGetValue(k, out var v) ? v?.ToString() : null).FirstOrDefault(v => !string.IsNullOrEmpty(v));
        var host = Value("Host", "Server", "Data Source") ?? "?";
        var port = Value("Port");
        return $"{options.Dialect} {host}{(port is null ? string.Empty : ":" + port)}/{Value("Database", "Initial Catalog") ?? "?"}";
    }
}
