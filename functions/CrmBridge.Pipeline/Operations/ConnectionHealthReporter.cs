using Microsoft.Extensions.Logging;

namespace CrmBridge.Pipeline.Operations;

/// <summary>
/// One pass of connection health reporting, run by both hosts (the standalone host's <see cref="Hosting.ConnectionHealthWorker"/>,
/// the Functions app's alert timer): record this process's snapshots in the state store, then log each kind of problem
/// when it appears on a connection (<c>Connection {System} {Kind}: {Verdict}</c>, event 7501 — what the Azure Monitor log
/// alerts match) and the connection's recovery (7502), once per change rather than on every pass.
/// </summary>
/// <param name="publisher">Writes the snapshots.</param>
/// <param name="health">Judges them.</param>
/// <param name="logger">The logger.</param>
public sealed class ConnectionHealthReporter(ConnectionHealthPublisher publisher, ConnectionHealthService health, ILogger<ConnectionHealthReporter> logger)
{
    private readonly Dictionary<string, HashSet<ConnectionProblemKind>> _active = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();

    /// <summary>Like <see cref="RunOnceAsync"/>, but a failure (a storage hiccup) is logged and reported as <see langword="null"/>: hosts call this at their boundary.</summary>
    /// <param name="cancellationToken">Cancels the pass.</param>
    /// <returns>The connections, or <see langword="null"/> when the pass failed.</returns>
    public async Task<IReadOnlyList<ConnectionHealth>?> TryRunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await RunOnceAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Host boundary: health reporting never stops the host or the alert rules that follow it.
            ConnectionHealthLog.PublishFailed(logger, ex);
            return null;
        }
    }

    /// <summary>Publishes and logs the changes.</summary>
    /// <param name="cancellationToken">Cancels the pass.</param>
    /// <returns>The connections as judged now.</returns>
    public async Task<IReadOnlyList<ConnectionHealth>> RunOnceAsync(CancellationToken cancellationToken)
    {
        await publisher.PublishAsync(cancellationToken).ConfigureAwait(false);
        var connections = await health.GetAsync([], cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            foreach (var connection in connections)
            {
                // Logged per kind of problem when it appears, and once when the connection is healthy again: counts and
                // times in the verdict change on every pass and must not make a new log line each time.
                var before = _active.GetValueOrDefault(connection.System) ?? [];
                var now = connection.Problems.Select(p => p.Kind).ToHashSet();
                foreach (var problem in connection.Problems.Where(p => !before.Contains(p.Kind)).DistinctBy(p => p.Kind))
                {
                    ConnectionHealthLog.Problem(logger, connection.System, problem.Kind.ToString(), problem.Text);
                }

                if (before.Count > 0 && now.Count == 0)
                {
                    ConnectionHealthLog.Recovered(logger, connection.System);
                }

                _active[connection.System] = now;
            }
        }

        return connections;
    }
}
