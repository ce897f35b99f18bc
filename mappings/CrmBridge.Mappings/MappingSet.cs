using CrmBridge.Mappings.Abstractions;
using CrmBridge.Mappings.Runtime;

namespace CrmBridge.Mappings;

/// <summary>A validated, compiled set of mappings (one per route). Immutable and thread-safe.</summary>
public sealed class MappingSet
{
    private readonly Dictionary<SyncRoute, CompiledMapping> _byRoute;
    private readonly Dictionary<string, CompiledMapping> _byName;

    internal MappingSet(IReadOnlyList<CompiledMapping> mappings)
    {
        _byRoute = mappings.ToDictionary(m => m.Route);
        _byName = mappings.ToDictionary(m => m.Route.Name, StringComparer.Ordinal);
        Routes = mappings.Select(m => m.Route).ToArray();
    }

    /// <summary>Gets every route, in file order.</summary>
    public IReadOnlyList<SyncRoute> Routes { get; }

    /// <summary>Finds a route by its mapping name.</summary>
    /// <param name="name">The mapping name.</param>
    /// <returns>The route, or <see langword="null"/>.</returns>
    public SyncRoute? Find(string name) => _byName.TryGetValue(name, out var mapping) ? mapping.Route : null;

    /// <summary>Gets the file a route was loaded from.</summary>
    /// <param name="route">The route.</param>
    /// <returns>The file name as displayed in diagnostics.</returns>
    public string FileOf(SyncRoute route) => Get(route).File;

    /// <summary>
    /// Gets the record-level source paths a route reads — its filter, field rules and the collections' <c>from</c> — as
    /// written (<c>_customerid_value</c>, <c>Account_Name.id</c>); paths inside collection items are not included. A change
    /// that touches none of them cannot change what the route delivers (used to register Dataverse filtering attributes).
    /// </summary>
    /// <param name="route">The route.</param>
    /// <returns>The paths, sorted ordinally.</returns>
    public IReadOnlyList<string> SourceFields(SyncRoute route) => Get(route).SourceFields;

    internal CompiledMapping Get(SyncRoute route)
    {
        if (_byRoute.TryGetValue(route, out var mapping) || _byName.TryGetValue(route.Name, out mapping))
        {
            return mapping;
        }

        throw new ArgumentException($"route '{route.Name}' is not part of this mapping set", nameof(route));
    }
}
