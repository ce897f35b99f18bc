using System.Diagnostics.CodeAnalysis;
using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Pipeline.Stage;

/// <summary>
/// Resolves a route's lookups from the <see cref="CrossReferenceCache"/> synchronously (the mapper does no I/O) and
/// loads misses from the state store between two mapping passes.
/// </summary>
internal sealed class LookupResolver : ILookupResolver
{
    private readonly SyncRoute _route;
    private readonly CrossReferenceCache _cache;
    private readonly Dictionary<string, LookupDefinition> _definitions;

    public LookupResolver(SyncRoute route, CrossReferenceCache cache)
    {
        _route = route;
        _cache = cache;
        _definitions = route.Lookups.ToDictionary(l => l.Name, StringComparer.Ordinal);
    }

    public bool TryResolve(string lookup, string sourceId, [NotNullWhen(true)] out string? targetId)
    {
        if (_definitions.TryGetValue(lookup, out var definition)
            && _cache.TryGet(new RecordRef(definition.SourceSystem, definition.SourceEntity, sourceId), definition.TargetSystem, definition.TargetEntity, out var id))
        {
            targetId = id;
            return true;
        }

        targetId = null;
        return false;
    }

    /// <summary>Loads missing lookups from the store into the cache.</summary>
    /// <param name="missing">The lookups the mapper could not resolve.</param>
    /// <param name="store">The cross-reference store.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when at least one was found (map again).</returns>
    public async Task<bool> LoadAsync(IReadOnlyList<MissingLookup> missing, ICrossReferenceStore store, CancellationToken cancellationToken)
    {
        var found = false;
        foreach (var m in missing)
        {
            if (!_definitions.TryGetValue(m.Lookup, out var d))
            {
                continue;
            }

            var from = new RecordRef(d.SourceSystem, d.SourceEntity, m.SourceId);
            var id = await store.FindCrossReferenceAsync(from, d.TargetSystem, d.TargetEntity, cancellationToken).ConfigureAwait(false);
            if (id is not null)
            {
                _cache.Put(from, new RecordRef(d.TargetSystem, d.TargetEntity, id));
                found = true;
            }
        }

        return found;
    }

    public override string ToString() => _route.Name;
}
