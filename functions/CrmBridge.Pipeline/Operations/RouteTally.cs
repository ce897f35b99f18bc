using CrmBridge.Mappings.Abstractions;

namespace CrmBridge.Pipeline.Operations;

/// <summary>Counts and examples gathered while reconciling one route.</summary>
internal sealed class RouteTally
{
    private readonly SyncRoute _route;
    private readonly int _maxExamples;
    private readonly List<ReconcileFinding> _examples = [];
    private readonly Dictionary<ReconcileFindingKind, int> _counts = [];

    public RouteTally(SyncRoute route, int maxExamples)
    {
        _route = route;
        _maxExamples = maxExamples;
    }

    public int Checked { get; set; }

    public int InSync { get; set; }

    public int Filtered { get; set; }

    public int Echoes { get; set; }

    public int Repaired { get; set; }

    public void Add(ReconcileFinding finding)
    {
        _counts[finding.Kind] = _counts.GetValueOrDefault(finding.Kind) + 1;
        if (_examples.Count < _maxExamples)
        {
            _examples.Add(finding);
        }
    }

    public ReconcileRouteReport ToReport() => new(
        _route.Name, _route.TargetSystem, _route.TargetEntity, Checked, InSync,
        Count(ReconcileFindingKind.Missing), Count(ReconcileFindingKind.Stale), Count(ReconcileFindingKind.Orphaned), Count(ReconcileFindingKind.Unmappable),
        Filtered, Echoes, Repaired, _examples);

    private int Count(ReconcileFindingKind kind) => _counts.GetValueOrDefault(kind);
}
