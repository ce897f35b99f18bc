namespace CrmBridge.Functions.Admin;

/// <summary>The answer of the health endpoint.</summary>
/// <param name="Healthy">Whether storage and every connector are healthy.</param>
/// <param name="Storage">The storage account (queue, tables, claim-check blobs).</param>
/// <param name="Connectors">Each configured connector.</param>
/// <param name="CheckedAt">When the check ran.</param>
public sealed record HealthReport(bool Healthy, ComponentHealth Storage, IReadOnlyList<ComponentHealth> Connectors, DateTimeOffset CheckedAt)
{
    /// <summary>Gets the health per connection (authentication, circuit, change detection, throttling; docs/operations.md).</summary>
    public IReadOnlyList<CrmBridge.Pipeline.Operations.ConnectionHealth> Connections { get; init; } = [];
}
