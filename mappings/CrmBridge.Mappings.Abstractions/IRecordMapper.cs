using System.Text.Json.Nodes;

namespace CrmBridge.Mappings.Abstractions;

/// <summary>
/// The port the mapping engine implements: the compiled routes and how to apply one to a source record.
/// Applying does no I/O; lookups go through the <see cref="ILookupResolver"/> the pipeline passes in.
/// </summary>
public interface IRecordMapper
{
    /// <summary>Gets every route loaded.</summary>
    IReadOnlyList<SyncRoute> Routes { get; }

    /// <summary>Applies a route's mapping to a source record.</summary>
    /// <param name="route">The route (one of <see cref="Routes"/>).</param>
    /// <param name="source">The source record document.</param>
    /// <param name="lookups">Resolves cross-reference lookups.</param>
    /// <returns>The mapped document, the filter reason, every error, or the missing lookups.</returns>
    MapResult Map(SyncRoute route, JsonObject source, ILookupResolver lookups);
}
