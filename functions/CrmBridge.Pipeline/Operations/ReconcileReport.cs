namespace CrmBridge.Pipeline.Operations;

/// <summary>The result of <see cref="ReconcileService.ReconcileAsync"/>.</summary>
/// <param name="System">The source system.</param>
/// <param name="Entity">The source entity.</param>
/// <param name="SourceRecords">How many source records were read.</param>
/// <param name="Routes">One report per route from the source entity.</param>
/// <param name="Repaired">Whether <c>--repair</c> enqueued fixes.</param>
public sealed record ReconcileReport(string System, string Entity, int SourceRecords, IReadOnlyList<ReconcileRouteReport> Routes, bool Repaired)
{
    /// <summary>Gets whether every route is whole.</summary>
    public bool Whole => Routes.All(r => r.Whole);
}
