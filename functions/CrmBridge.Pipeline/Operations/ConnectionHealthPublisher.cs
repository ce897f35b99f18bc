using System.Text.Json;
using CrmBridge.Connectors;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Pipeline.Operations;

/// <summary>
/// Writes what this process saw of each connection (<see cref="ConnectionHealthRegistry"/>) to the state store as a
/// checkpoint-like row under <see cref="CheckpointSystem"/>, as circuits and poll outcomes are, so <c>crmbridge status</c>
/// in another process and alert rules on any host see it. Last writer wins, except the last notification time, which is
/// kept as the newest any process saw (a webhook may land on another Functions instance than the poll).
/// </summary>
/// <param name="registry">The process's trackers.</param>
/// <param name="store">Where snapshots are recorded.</param>
/// <param name="logger">The logger.</param>
public sealed class ConnectionHealthPublisher(ConnectionHealthRegistry registry, ICheckpointStore store, ILogger<ConnectionHealthPublisher> logger)
{
    /// <summary>The system name under which connection snapshots are stored (never a real system's name).</summary>
    public const string CheckpointSystem = "#health";

    /// <summary>Writes every tracked system's snapshot; a store failure is logged and retried at the next call.</summary>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>How many snapshots were written.</returns>
    public async Task<int> PublishAsync(CancellationToken cancellationToken)
    {
        var written = 0;
        foreach (var (system, snapshot) in registry.Snapshots())
        {
            try
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var current = await store.GetCheckpointAsync(CheckpointSystem, system, cancellationToken).ConfigureAwait(false);
                    var stored = current is null ? null : TryRead(current.Value);
                    var merged = stored?.LastNotificationAt > snapshot.LastNotificationAt || (snapshot.LastNotificationAt is null && stored?.LastNotificationAt is not null)
                        ? snapshot with { LastNotificationAt = stored!.LastNotificationAt }
                        : snapshot;
                    if (await store.SaveCheckpointAsync(CheckpointSystem, system, JsonSerializer.Serialize(merged), current?.ETag, cancellationToken).ConfigureAwait(false) is not null)
                    {
                        written++;
                        break;
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Only status and alerts read it: a store hiccup must not stop the host.
                ConnectionHealthLog.NotRecorded(logger, system, ex);
            }
        }

        return written;
    }

    /// <summary>Reads the recorded snapshots (what any host last recorded), by system.</summary>
    /// <param name="checkpoints">The recorded checkpoints.</param>
    /// <returns>The snapshots.</returns>
    public static IReadOnlyDictionary<string, ConnectorHealth> FromCheckpoints(IEnumerable<(string System, string Entity, Checkpoint Checkpoint)> checkpoints) =>
        checkpoints.Where(c => c.System == CheckpointSystem)
            .Select(c => (c.Entity, Health: TryRead(c.Checkpoint.Value)))
            .Where(c => c.Health is not null)
            .ToDictionary(c => c.Entity, c => c.Health!, StringComparer.OrdinalIgnoreCase);

    private static ConnectorHealth? TryRead(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ConnectorHealth>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
