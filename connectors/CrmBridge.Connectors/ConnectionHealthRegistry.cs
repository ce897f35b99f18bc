using System.Collections.Concurrent;

namespace CrmBridge.Connectors;

/// <summary>
/// One <see cref="ConnectorHealthTracker"/> per system for the whole process: the connectors' HTTP clients
/// (<see cref="HealthTrackingHandler"/>), token providers and change detection feed it; health reports read it.
/// Registered once as a singleton by every connector's <c>Add…</c> extension.
/// </summary>
/// <param name="time">The clock.</param>
public sealed class ConnectionHealthRegistry(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ConnectorHealthTracker> _trackers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the tracker of <paramref name="system"/>, creating it on first use.</summary>
    /// <param name="system">The system name.</param>
    /// <param name="section">The connector's configuration section, named in what-to-do lines (first caller wins).</param>
    /// <param name="baseUrl">The base URL in use, when known (first caller wins; the connector may update it).</param>
    /// <returns>The tracker.</returns>
    public ConnectorHealthTracker For(string system, string? section = null, string? baseUrl = null) =>
        _trackers.GetOrAdd(system, s => new ConnectorHealthTracker(time, baseUrl, s, section));

    /// <summary>Gets the snapshot of every tracked system.</summary>
    /// <returns>The snapshots, by system.</returns>
    public IReadOnlyDictionary<string, ConnectorHealth> Snapshots() =>
        _trackers.ToDictionary(t => t.Key, t => t.Value.Snapshot(), StringComparer.OrdinalIgnoreCase);
}
