using Microsoft.Extensions.Logging;

namespace CrmBridge.Pipeline.Operations;

/// <summary>
/// One pass of connection health reporting, run by both hosts (the standalone host's <see cref="Hosting.ConnectionHealthWorker"/>,
/// the Functions app's alert timer): record this process's snapshots in the state store, then log each connection that
/// turned bad (<c>Connection {System} {Kind}: {Verdict}</c>, event 7501 — what the Azure Monitor log alerts match) or good
/// again (7502), once per change rather than on every pass.
/// </summary>
/// <param name="publisher">Writes the snapshots.</param>
/// <param name="health">Judges them.</param>
/// <param name="logger">The logger.</param>
public sealed class ConnectionHealthReporter(ConnectionHealthPublisher publisher, ConnectionHealthService health, ILogger<ConnectionHealthReporter> logger)
{
    private readonly Dictionary<string, string> _verdicts = new(StringComparer.OrdinalIgnoreCase);
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
                if (_verdicts.GetValueOrDefault(connection.System, "OK") == connection.Verdict)
                {
                    continue;
                }

                _verdicts[connection.System] = connection.Verdict;
                if (connection.Ok)
                {
                    ConnectionHealthLog.Recovered(logger, connection.System);
                }
                else
                {
                    ConnectionHealthLog.Problem(logger, connection.System, connection.Problems[0].Kind.ToString(), connection.Verdict);
                }
            }
        }

        return connections;
    }
}
