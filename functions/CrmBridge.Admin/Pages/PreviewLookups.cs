using System.Diagnostics.CodeAnalysis;
using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Admin.Pages;

/// <summary>Resolves a preview's lookups as the sync stage does: through the cross-reference store (read only, loaded between two mapping passes).</summary>
internal sealed class PreviewLookups(SyncRoute route) : ILookupResolver
{
    private readonly Dictionary<(string Lookup, string SourceId), string> _known = [];

    public bool TryResolve(string lookup, string sourceId, [NotNullWhen(true)] out string? targetId) => _known.TryGetValue((lookup, sourceId), out targetId);

    /// <summary>Loads the missing lookups from the store.</summary>
    /// <returns>Whether any was found (map again).</returns>
    public async Task<bool> LoadAsync(IReadOnlyList<MissingLookup> missing, ICrossReferenceStore store, CancellationToken cancellationToken)
    {
        var found = false;
        foreach (var m in missing)
        {
            if (route.Lookups.FirstOrDefault(l => l.Name == m.Lookup) is not { } d)
            {
                continue;
            }

            var id = await store.FindCrossReferenceAsync(new RecordRef(d.SourceSystem, d.SourceEntity, m.SourceId), d.TargetSystem, d.TargetEntity, cancellationToken).ConfigureAwait(false);
            if (id is not null)
            {
                _known[(m.Lookup, m.SourceId)] = id;
                found = true;
            }
        }

        return found;
    }
}
