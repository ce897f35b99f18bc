using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;

namespace CrmBridge.Pipeline.Stage;

/// <summary>A referenced record a waiting route needs, and the route that syncs it to the same target.</summary>
/// <param name="Record">The referenced source record.</param>
/// <param name="Route">The route syncing it.</param>
internal sealed record DependencyPlan(RecordRef Record, SyncRoute Route);
