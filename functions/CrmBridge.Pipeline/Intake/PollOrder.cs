using CrmBridge.Mappings.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmBridge.Pipeline.Intake;

/// <summary>
/// Which polled entities depend on which, derived from the loaded routes' lookups: a route from <c>S/E</c> with a lookup
/// referencing another entity <c>S/P</c> of the same system makes <c>P</c> a parent of <c>E</c> (an order references its
/// account). Polling parents first lets the accounts already on their way reach the target before the orders that
/// reference them, instead of each wave of orders reading its missing accounts by id. Both hosts use it: the Functions
/// timer polls a target once its parents were polled (<see cref="PollRound"/>), the standalone host holds a dependant's
/// poll while a parent polls or has pages waiting (<see cref="Hosting.PollGate"/>).
/// </summary>
/// <remarks>
/// Cycles (A looks up B and B looks up A) are broken deterministically: entities are visited in ordinal order of
/// <c>SYSTEM/ENTITY</c> and every lookup that closes a cycle is dropped (logged once, here), so neither waits for the other.
/// </remarks>
public sealed class PollOrder
{
    private readonly Dictionary<string, List<string>> _parents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string System, string Entity)> _names = new(StringComparer.Ordinal);
    private readonly List<((string System, string Entity) Dependant, (string System, string Entity) Parent)> _broken = [];

    /// <summary>Initializes a new instance of the <see cref="PollOrder"/> class.</summary>
    /// <param name="routes">The loaded routes.</param>
    /// <param name="logger">Logs the cycles broken, once.</param>
    public PollOrder(IEnumerable<SyncRoute> routes, ILogger<PollOrder>? logger = null)
    {
        var edges = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var route in routes)
        {
            var dependant = Key(route.SourceSystem, route.SourceEntity);
            _names.TryAdd(dependant, (route.SourceSystem, route.SourceEntity));
            foreach (var lookup in route.Lookups.Where(l => string.Equals(l.SourceSystem, route.SourceSystem, StringComparison.OrdinalIgnoreCase)))
            {
                var parent = Key(lookup.SourceSystem, lookup.SourceEntity);
                if (parent == dependant)
                {
                    continue; // A record referencing its own entity (a parent account): nothing to poll first.
                }

                _names.TryAdd(parent, (lookup.SourceSystem, lookup.SourceEntity));
                (edges.TryGetValue(dependant, out var set) ? set : edges[dependant] = new SortedSet<string>(StringComparer.Ordinal)).Add(parent);
            }
        }

        BreakCycles(edges);
        foreach (var (dependant, parent) in _broken)
        {
            PipelineLog.PollCycleBroken(logger ?? NullLogger<PollOrder>.Instance, dependant.System, dependant.Entity, parent.System, parent.Entity);
        }
    }

    /// <summary>Gets an order without dependencies (every target in one tier).</summary>
    public static PollOrder None { get; } = new([]);

    /// <summary>Gets the lookups dropped to break cycles: the dependant polls without waiting for that parent.</summary>
    public IReadOnlyList<((string System, string Entity) Dependant, (string System, string Entity) Parent)> BrokenCycles => _broken;

    /// <summary>The entities whose records <paramref name="system"/>/<paramref name="entity"/> references (after cycles were broken).</summary>
    /// <param name="system">The system.</param>
    /// <param name="entity">The entity.</param>
    /// <returns>The parents, in ordinal order; empty when it references none.</returns>
    public IReadOnlyList<(string System, string Entity)> ParentsOf(string system, string entity) =>
        _parents.TryGetValue(Key(system, entity), out var parents) ? parents.Select(p => _names[p]).ToList() : [];

    /// <summary>
    /// Splits targets into tiers to poll one after the other: a target's tier is one past the highest tier of its parents
    /// among <paramref name="targets"/> (parents that are not targets are ignored). Within a tier the targets keep their order.
    /// </summary>
    /// <typeparam name="T">The target type.</typeparam>
    /// <param name="targets">The targets.</param>
    /// <param name="key">A target's system and entity.</param>
    /// <returns>The tiers, parents first; no tier is empty.</returns>
    public IReadOnlyList<IReadOnlyList<T>> Tiers<T>(IEnumerable<T> targets, Func<T, (string System, string Entity)> key)
    {
        var list = targets.ToList();
        var present = list.Select(t => key(t)).Select(k => Key(k.System, k.Entity)).ToHashSet(StringComparer.Ordinal);
        var tiers = new Dictionary<string, int>(StringComparer.Ordinal);
        return list.GroupBy(t => TierOf(Key(key(t).System, key(t).Entity), present, tiers)).OrderBy(g => g.Key).Select(g => (IReadOnlyList<T>)g.ToList()).ToList();
    }

    private static string Key(string system, string entity) => system.ToUpperInvariant() + "/" + entity.ToUpperInvariant();

    private int TierOf(string node, HashSet<string> present, Dictionary<string, int> tiers)
    {
        if (tiers.TryGetValue(node, out var tier))
        {
            return tier;
        }

        // The graph is acyclic (cycles were broken), so the recursion ends.
        tier = _parents.TryGetValue(node, out var parents) && parents.Any(present.Contains)
            ? 1 + parents.Where(present.Contains).Max(p => TierOf(p, present, tiers))
            : 0;
        tiers[node] = tier;
        return tier;
    }

    /// <summary>Depth-first from each entity in ordinal order; a lookup to an entity still on the path closes a cycle and is dropped.</summary>
    private void BreakCycles(SortedDictionary<string, SortedSet<string>> edges)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new HashSet<string>(StringComparer.Ordinal);

        void Visit(string node)
        {
            path.Add(node);
            var kept = new List<string>();
            foreach (var parent in edges.TryGetValue(node, out var set) ? set : [])
            {
                if (path.Contains(parent))
                {
                    _broken.Add((_names[node], _names[parent]));
                    continue;
                }

                kept.Add(parent);
                if (!done.Contains(parent))
                {
                    Visit(parent);
                }
            }

            if (kept.Count > 0)
            {
                _parents[node] = kept;
            }

            path.Remove(node);
            done.Add(node);
        }

        foreach (var node in edges.Keys.ToList())
        {
            if (!done.Contains(node))
            {
                Visit(node);
            }
        }
    }
}
