namespace CrmBridge.Connectors.Staging;

/// <summary>A staged row the ERP rejected.</summary>
/// <param name="RowId">The staging row's id.</param>
/// <param name="Entity">The staged entity (<c>entity_type</c>).</param>
/// <param name="BusinessKey">The key the bridge staged the record under (the source record's key).</param>
/// <param name="PayloadHash">The hash of the payload the ERP rejected (acknowledging checks it).</param>
/// <param name="ErrorCode">The ERP's error code, when it wrote one.</param>
/// <param name="ErrorMessage">The ERP's message, as written (may be Chinese).</param>
/// <param name="Attempts">How often the ERP job tried the row.</param>
/// <param name="RejectedAt">When the ERP processed the row (<c>processed_at</c>, else <c>updated_at</c>).</param>
public sealed record StagingRejection(
    long RowId, string Entity, string BusinessKey, string PayloadHash, string? ErrorCode, string ErrorMessage, int Attempts, DateTimeOffset RejectedAt)
{
    /// <summary>Gets the staged record in the staging system.</summary>
    /// <param name="system">The staging connector's system name.</param>
    /// <returns>The record reference (id = business key).</returns>
    public RecordRef Record(string system) => new(system, Entity, BusinessKey);
}
