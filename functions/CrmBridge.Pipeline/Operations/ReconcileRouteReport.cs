namespace CrmBridge.Pipeline.Operations;

/// <summary>The result of reconciling one route.</summary>
/// <param name="Route">The route name.</param>
/// <param name="TargetSystem">The target system.</param>
/// <param name="TargetEntity">The target entity.</param>
/// <param name="Checked">Source records mapped and compared (filtered ones excluded).</param>
/// <param name="InSync">Records whose target equals the mapping of the source.</param>
/// <param name="Missing">Records with no target (no cross-reference, or the target is gone).</param>
/// <param name="Stale">Records whose target differs in at least one mapped field.</param>
/// <param name="Orphaned">Target records whose source record no longer exists.</param>
/// <param name="Unmappable">Source records that fail the mapping.</param>
/// <param name="Filtered">Source records the route's filter excludes (not expected in the target).</param>
/// <param name="Echoes">Records whose target differs but whose source's latest version is the bridge's own write (loop prevention does not map it back).</param>
/// <param name="Repaired">Envelopes enqueued by <c>--repair</c>.</param>
/// <param name="Examples">Up to <see cref="ReconcileRequest.MaxExamples"/> findings.</param>
public sealed record ReconcileRouteReport(
    string Route,
    string TargetSystem,
    string TargetEntity,
    int Checked,
    int InSync,
    int Missing,
    int Stale,
    int Orphaned,
    int Unmappable,
    int Filtered,
    int Echoes,
    int Repaired,
    IReadOnlyList<ReconcileFinding> Examples)
{
    /// <summary>Gets whether the route is whole: nothing missing, stale or orphaned.</summary>
    public bool Whole => Missing == 0 && Stale == 0 && Orphaned == 0;
}
