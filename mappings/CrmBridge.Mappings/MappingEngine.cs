using System.Text.Json.Nodes;
using CrmBridge.Mappings.Abstractions;

namespace CrmBridge.Mappings;

/// <summary>
/// The <see cref="IRecordMapper"/> over compiled mapping files. Applying a mapping never throws for data problems:
/// they come back as <see cref="MapResult"/> values (errors, filtered, missing lookups).
/// </summary>
public sealed class MappingEngine : IRecordMapper
{
    private readonly MappingSet _set;

    /// <summary>Initializes a new instance of the <see cref="MappingEngine"/> class.</summary>
    /// <param name="set">The compiled mappings.</param>
    public MappingEngine(MappingSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        _set = set;
    }

    /// <inheritdoc />
    public IReadOnlyList<SyncRoute> Routes => _set.Routes;

    /// <summary>Gets the compiled set.</summary>
    public MappingSet Set => _set;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The route is not one of <see cref="Routes"/> (a programming error).</exception>
    public MapResult Map(SyncRoute route, JsonObject source, ILookupResolver lookups)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(lookups);
        return _set.Get(route).Apply(source, lookups);
    }
}
