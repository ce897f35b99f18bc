namespace CrmBridge.Connectors.Staging;

/// <summary>The schema and table names the SQL uses (validated identifiers, quoted by the dialect).</summary>
/// <param name="Schema">The schema.</param>
/// <param name="Staging">The CRM → ERP staging table.</param>
/// <param name="Outbox">The ERP outbox table.</param>
public sealed record StagingTables(string Schema, string Staging, string Outbox)
{
    /// <summary>The pattern a schema or table name must match (no quoting tricks; names go into SQL text).</summary>
    public const string IdentifierPattern = "^[A-Za-z_][A-Za-z0-9_]{0,62}$";
}
