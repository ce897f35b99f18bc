using CrmBridge.Connectors.Staging.Dialects;

namespace CrmBridge.Connectors.Staging;

/// <summary>The staging DDL without a database connection (for <c>crmbridge staging init --print</c>).</summary>
public static class StagingDdl
{
    /// <summary>Builds the idempotent DDL script for the configured dialect, schema and table names.</summary>
    /// <param name="options">The options (the connection string is not needed).</param>
    /// <returns>The script: statements separated by <c>;</c> and blank lines.</returns>
    public static string Script(StagingConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Script(StagingDialects.Resolve(options.Dialect), options.Tables);
    }

    internal static string Script(IStagingDialect dialect, StagingTables tables) =>
        $"-- CrmBridge staging tables ({dialect.Name}); idempotent, docs/staging.md\n"
        + string.Join("\n\n", dialect.CreateSchema(tables).Select(s => s.Trim() + ";")) + "\n";
}
