using CrmBridge.Connectors;
using CrmBridge.Pipeline.Resilience;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Pipeline.Operations;

/// <summary>
/// Health per configured connection from what the state store knows (circuits any host recorded, checkpoints, open dead
/// letters) and, where the connector implements <see cref="IConnectorHealth"/>, what this process saw live.
/// </summary>
/// <param name="store">The state store.</param>
/// <param name="connectors">The configured connectors.</param>
/// <param name="time">The clock.</param>
public sealed class ConnectionHealthService(ISyncStateStore store, IEnumerable<IConnector> connectors, TimeProvider time)
{
    /// <summary>A checkpoint older than this is called stale.</summary>
    public static readonly TimeSpan StaleCheckpoint = TimeSpan.FromHours(24);

    /// <summary>This many 429s in the last hour are called a throttling storm.</summary>
    public const int ThrottleStorm = 20;

    private static readonly HashSet<string> AuthCodes =
        new(["HTTP_401", "HTTP_403", "AUTH_FAILED", "UNAUTHORIZED", "INVALID_TOKEN", "INVALID_TOKEN_RESPONSE", "invalid_grant", "invalid_client"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Reports every configured system, and every system the state store has seen (checkpoints, circuits).</summary>
    /// <param name="configured">The configured systems (the admin commands register no connectors; they pass the names).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>One entry per system, by name.</returns>
    public async Task<IReadOnlyList<ConnectionHealth>> GetAsync(IEnumerable<string> configured, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configured);
        var now = time.GetUtcNow();
        var checkpoints = await store.ListCheckpointsAsync(cancellationToken).ConfigureAwait(false);
        var circuits = CircuitBreakers.FromCheckpoints(checkpoints).ToDictionary(c => c.System, StringComparer.OrdinalIgnoreCase);
        var letters = await store.ListDeadLettersAsync(new DeadLetterQuery(DeadLetterStatus.Open, Limit: 1000), cancellationToken).ConfigureAwait(false);
        var live = connectors.GroupBy(c => c.System, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var systems = configured.Concat(live.Keys).Concat(circuits.Keys)
            .Concat(checkpoints.Select(c => c.System).Where(s => !s.StartsWith('#')))
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal);
        return [.. systems.Select(s => Describe(s, live.GetValueOrDefault(s), circuits.GetValueOrDefault(s), checkpoints, letters, now))];
    }

    private static ConnectionHealth Describe(
        string system,
        IConnector? connector,
        CircuitSnapshot? circuit,
        IReadOnlyList<(string System, string Entity, Checkpoint Checkpoint)> checkpoints,
        IReadOnlyList<DeadLetter> letters,
        DateTimeOffset now)
    {
        var live = (connector as IConnectorHealth)?.GetHealth();
        var ages = checkpoints.Where(c => string.Equals(c.System, system, StringComparison.OrdinalIgnoreCase))
            .Select(c => new CheckpointAge(c.Entity, c.Checkpoint.UpdatedAt, now - c.Checkpoint.UpdatedAt)).OrderBy(c => c.Entity, StringComparer.Ordinal).ToList();
        var own = letters.Where(l => string.Equals(l.Envelope.System, system, StringComparison.OrdinalIgnoreCase)).OrderByDescending(l => l.FailedAt).ToList();
        var lastFailure = own.Count == 0 ? null : new FailureNote(own[0].FailedAt, own[0].ErrorCode);
        var circuitCode = circuit?.LastError?.Split(':', 2)[0].Trim();
        var authSince = live?.AuthenticationFailingSince
            ?? (circuit is { State: not CircuitState.Closed } && circuitCode is not null && AuthCodes.Contains(circuitCode) ? circuit.Since : null);
        var verdict = Verdict(system, circuit, circuitCode, authSince, live, ages, now);
        return new ConnectionHealth(system, verdict is null, verdict ?? "OK", circuit?.State.ToString(), circuitCode, ages, lastFailure, authSince, live);
    }

    private static string? Verdict(string system, CircuitSnapshot? circuit, string? code, DateTimeOffset? authSince, ConnectorHealth? live, List<CheckpointAge> ages, DateTimeOffset now)
    {
        if (authSince is { } since)
        {
            return $"{system} refuses our credentials since {since:u}: renew the secret, refresh token or consent under Connectors ({system}), then replay the dead letters.";
        }

        if (circuit is { State: not CircuitState.Closed })
        {
            return $"{system} has failed since {circuit.Since:u} ({code}); deliveries wait and resume by themselves: check the system's status and its BaseUrl under Connectors ({system}).";
        }

        if (live is { ThrottledLastHour: >= ThrottleStorm })
        {
            return $"{system} throttled {live.ThrottledLastHour} calls in the last hour: poll less often (Polling:Targets Interval) or lower the batch size.";
        }

        if (ages.FirstOrDefault(a => a.Age > StaleCheckpoint) is { } stale)
        {
            return $"{system}/{stale.Entity}: change detection has not advanced since {stale.SavedAt:u}: check Polling:Targets and the poll errors in the log.";
        }

        return null;
    }
}
