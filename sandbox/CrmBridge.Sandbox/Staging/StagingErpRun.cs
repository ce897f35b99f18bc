namespace CrmBridge.Sandbox.Staging;

/// <summary>The result of one ERP job run.</summary>
/// <param name="Claimed">Rows claimed.</param>
/// <param name="Accepted">Rows booked (<c>done</c>).</param>
/// <param name="Rejected">Rows refused (<c>error</c>).</param>
/// <param name="Deferred">Rows put back for later.</param>
/// <param name="Superseded">Rows re-staged by the bridge meanwhile (left for the next run).</param>
public sealed record StagingErpRun(int Claimed, int Accepted, int Rejected, int Deferred, int Superseded);
