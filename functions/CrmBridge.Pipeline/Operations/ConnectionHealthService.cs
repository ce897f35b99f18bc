using CrmBridge.Connectors;
using CrmBridge.Pipeline.Intake;
using CrmBridge.Pipeline.Resilience;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.Options;

namespace CrmBridge.Pipeline.Operations;

/// <summary>
/// Health per configured connection from what the state store knows (circuits any host recorded, poll outcomes,
/// checkpoints, open dead letters, the connection snapshots hosts publish) and what this process saw live
/// (<see cref="ConnectionHealthRegistry"/>, or a connector's own <see cref="IConnectorHealth"/>).
/// </summary>
/// <param name="store">The state store.</param>
/// <param name="connectors">The configured connectors.</param>
/// <param name="time">The clock.</param>
/// <param name="registry">What this process's connectors saw, or <see langword="null"/>.</param>
/// <param name="options">The thresholds, or <see langword="null"/> for the defaults.</param>
public sealed class ConnectionHealthService(
    ISyncStateStore store,
    IEnumerable<IConnector> connectors,
    TimeProvider time,
    ConnectionHealthRegistry? registry = null,
    IOptions<PipelineOptions>? options = null)
{
    /// <summary>A checkpoint older than this is called stale.</summary>
    public static readonly TimeSpan StaleCheckpoint = TimeSpan.FromHours(24);

    /// <summary>This many 429s in the last hour are called a throttling storm.</summary>
    public const int ThrottleStorm = 20;

    private static readonly HashSet<string> AuthCodes =
        new(["HTTP_401", "HTTP_403", "AUTH_FAILED", "UNAUTHORIZED", "INVALID_TOKEN", "INVALID_TOKEN_RESPONSE", "invalid_grant", "invalid_client"], StringComparer.OrdinalIgnoreCase);

    private readonly PipelineOptions _options = options?.Value ?? new PipelineOptions();

    /// <summary>Reports every configured system, and every system the state store has seen (checkpoints, circuits, snapshots).</summary>
    /// <param name="configured">The configured systems (the admin commands register no connectors; they pass the names).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>One entry per system, by name.</returns>
    public async Task<IReadOnlyList<ConnectionHealth>> GetAsync(IEnumerable<string> configured, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configured);
        var now = time.GetUtcNow();
        var checkpoints = await store.ListCheckpointsAsync(cancellationToken).ConfigureAwait(false);
        var circuits = CircuitBreakers.FromCheckpoints(checkpoints).ToDictionary(c => c.System, StringComparer.OrdinalIgnoreCase);
        var polls = PollHealth.FromCheckpoints(checkpoints);
        var stored = ConnectionHealthPublisher.FromCheckpoints(checkpoints);
        var letters = await store.ListDeadLettersAsync(new DeadLetterQuery(DeadLetterStatus.Open, Limit: 1000), cancellationToken).ConfigureAwait(false);
        var live = registry?.Snapshots() ?? new Dictionary<string, ConnectorHealth>();
        var own = connectors.GroupBy(c => c.System, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var systems = configured.Concat(own.Keys).Concat(live.Keys).Concat(circuits.Keys).Concat(stored.Keys)
            .Concat(checkpoints.Select(c => c.System).Where(s => !s.StartsWith('#')))
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal);
        var checks = new ConnectionChecks(_options, now);
        return [.. systems.Select(s =>
        {
            // This process's view first (its connector made the calls); else what a host recorded in the store.
            var snapshot = (own.GetValueOrDefault(s) as IConnectorHealth)?.GetHealth() ?? live.GetValueOrDefault(s) ?? stored.GetValueOrDefault(s);
            if (snapshot is not null && stored.GetValueOrDefault(s)?.LastNotificationAt is { } pushed && !(snapshot.LastNotificationAt >= pushed))
            {
                snapshot = snapshot with { LastNotificationAt = pushed };
            }

            return Describe(checks, s, snapshot, circuits.GetValueOrDefault(s), checkpoints, polls, letters, now);
        })];
    }

    private static ConnectionHealth Describe(
        ConnectionChecks checks,
        string system,
        ConnectorHealth? live,
        CircuitSnapshot? circuit,
        IReadOnlyList<(string System, string Entity, Checkpoint Checkpoint)> checkpoints,
        IReadOnlyList<PollTargetStatus> allPolls,
        IReadOnlyList<DeadLetter> letters,
        DateTimeOffset now)
    {
        bool Mine(string s) => string.Equals(s, system, StringComparison.OrdinalIgnoreCase);
        var ages = checkpoints.Where(c => Mine(c.System))
            .Select(c => new CheckpointAge(c.Entity, c.Checkpoint.UpdatedAt, now - c.Checkpoint.UpdatedAt)).OrderBy(c => c.Entity, StringComparer.Ordinal).ToList();
        var polls = allPolls.Where(p => Mine(p.System)).OrderBy(p => p.Entity, StringComparer.Ordinal).ToList();
        var own = letters.Where(l => Mine(l.Envelope.System)).OrderByDescending(l => l.FailedAt).ToList();
        var lastFailure = own.Count == 0 ? null : new FailureNote(own[0].FailedAt, own[0].ErrorCode);
        var circuitCode = circuit?.LastError?.Split(':', 2)[0].Trim();
        var authSince = live?.AuthenticationFailingSince
            ?? (circuit is { State: not CircuitState.Closed } && circuitCode is not null && AuthCodes.Contains(circuitCode) ? circuit.Since : null);
        var problems = checks.Run(system, circuit, circuitCode, authSince, live, polls, ages, out var silentSince);
        return new ConnectionHealth(system, problems.Count == 0, problems.Count == 0 ? "OK" : problems[0].Text, circuit?.State.ToString(), circuitCode, ages, lastFailure, authSince, live)
        {
            Problems = problems,
            Polls = polls,
            ThrottledLastHour = live?.ThrottledInHourBefore(now) ?? 0,
            PushSilentSince = silentSince,
        };
    }
}
