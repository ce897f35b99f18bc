namespace CrmBridge.Connectors.Staging;

/// <summary>
/// What the bridge writes into <c>locked_by</c> of rows the ERP job has finished with (<c>error</c>, <c>done</c>); the ERP
/// job only claims <c>pending</c> rows (and its own stale <c>processing</c> ones), so these marks never block it.
/// </summary>
internal static class StagingMarks
{
    /// <summary>Prefix of every bridge mark; a host's claim is <c>crmbridge:&lt;host id&gt;</c> with <c>locked_at</c> as its lease start.</summary>
    public const string Prefix = "crmbridge:";

    /// <summary>An accepted row whose ERP identity is in the bridge's cross-reference (final until the row is re-staged).</summary>
    public const string Recorded = "crmbridge:recorded";
}
