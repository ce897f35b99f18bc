using System.Text.Json.Nodes;
using CrmBridge.Mappings.Abstractions;

namespace CrmBridge.Testing.Mapping;

/// <summary>
/// A mapper that copies every source field to the target and adds the target key; for tests and for systems whose
/// shapes already agree. Real deployments use the mapping engine (<c>CrmBridge.Mappings</c>).
/// </summary>
public sealed class PassThroughMapper : IRecordMapper
{
    /// <summary>Initializes a new instance of the <see cref="PassThroughMapper"/> class.</summary>
    /// <param name="routes">The routes to serve.</param>
    public PassThroughMapper(IEnumerable<SyncRoute> routes) => Routes = routes.ToArray();

    /// <inheritdoc />
    public IReadOnlyList<SyncRoute> Routes { get; }

    /// <inheritdoc />
    public MapResult Map(SyncRoute route, JsonObject source, ILookupResolver lookups)
    {
        var document = (JsonObject)source.DeepClone();
        var key = source[route.SourceKeyField];
        if (key is null)
        {
            return MapResult.Failed([new MappingError(route.TargetKeyField, route.SourceKeyField, "REQUIRED", "the source key field is missing")]);
        }

        document[route.TargetKeyField] = key.DeepClone();
        return MapResult.Mapped(document);
    }
}
