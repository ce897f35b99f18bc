namespace CrmBridge.Sandbox.Erp;

/// <summary>One page of the change feed.</summary>
/// <param name="Changes">The entries, oldest first.</param>
/// <param name="Next">The <c>after</c> value for the next call.</param>
/// <param name="HasMore">Whether more matching entries exist after <paramref name="Next"/>.</param>
internal sealed record ErpChangePage(IReadOnlyList<ErpChange> Changes, long Next, bool HasMore);
