using CrmBridge.Connectors;
using CrmBridge.Pipeline.Intake;
using CrmBridge.Pipeline.Resilience;

namespace CrmBridge.Pipeline.Operations;

/// <summary>
/// The checks behind a connection's verdict, worst first: credentials, circuit, push channels, a silent push path, failing
/// polls, an expiring change-tracking token, throttling, a stale checkpoint. Each names what is wrong, since when and
/// what to do, in one line (docs/operations.md#health-per-connection).
/// </summary>
/// <param name="options">The thresholds (<see cref="PipelineOptions.PushSilence"/>, <see cref="PipelineOptions.ChangeTokenWarning"/>).</param>
/// <param name="now">The time of the report.</param>
internal sealed class ConnectionChecks(PipelineOptions options, DateTimeOffset now)
{
    /// <summary>Polls failing this many times in a row are a problem (one 429 or timeout is retried by the next poll anyway).</summary>
    public const int PollFailuresToReport = 3;

    public List<ConnectionProblem> Run(string system, CircuitSnapshot? circuit, string? code, DateTimeOffset? authSince, ConnectorHealth? live, IReadOnlyList<PollTargetStatus> polls, List<CheckpointAge> ages, out DateTimeOffset? silentSince)
    {
        var problems = new List<ConnectionProblem>();
        if (authSince is { } since)
        {
            var text = live?.Problem is { } problem
                ? $"{problem} (failing since {since:u})"
                : $"{system} refuses our credentials since {since:u}{(live?.AuthenticationReason is { } r ? $" ({r})" : string.Empty)}: renew the secret, refresh token or consent under Connectors ({system}), then replay the dead letters.";
            problems.Add(new(ConnectionProblemKind.Authentication, system, text));
        }

        if (circuit is { State: not CircuitState.Closed })
        {
            problems.Add(new(ConnectionProblemKind.Circuit, system,
                $"{system} has failed since {circuit.Since:u} ({code}); deliveries wait and resume by themselves: check the system's status and its BaseUrl under Connectors ({system})."));
        }

        foreach (var channel in live?.PushChannels ?? [])
        {
            if (channel.ExpiresAt is { } expires && expires <= now)
            {
                problems.Add(new(ConnectionProblemKind.PushChannelExpired, $"{system}/{channel.Name}",
                    $"{system}: push channel {channel.Name} expired at {expires:u}{Because(channel.Error)}; changes arrive only by polling until it is renewed: check the notification URL and the renewal timer's errors in the log."));
            }
            else if (channel.Error is { } error)
            {
                problems.Add(new(ConnectionProblemKind.PushChannelExpired, $"{system}/{channel.Name}",
                    $"{system}: renewing push channel {channel.Name} failed ({error}); it expires at {channel.ExpiresAt:u}: check the notification URL and the credentials' notification scope."));
            }
        }

        silentSince = SilentSince(live, polls);
        if (silentSince is { } quiet)
        {
            problems.Add(new(ConnectionProblemKind.PushSilent, system,
                $"{system}: no change notification since {quiet:u} although polling found changes at {polls.Max(p => p.LastChangesAt):u}: the push path is broken (expired channel or subscription, notification URL unreachable, webhook step disabled); polling keeps changes flowing meanwhile."));
        }

        // Entities failing with the same error (a refused token fails them all) are one line.
        foreach (var failing in polls.Where(p => !p.Succeeded && p.ConsecutiveFailures >= PollFailuresToReport).GroupBy(p => p.LastError, StringComparer.Ordinal))
        {
            var entities = string.Join(", ", failing.Select(p => p.Entity));
            problems.Add(new(ConnectionProblemKind.PollFailing, $"{system}/{entities}",
                $"{system}/{entities}: polling failed {failing.Max(p => p.ConsecutiveFailures)} times since {failing.Min(p => p.FailingSince):u} ({failing.Key}): see the error and fix it under Connectors ({system})."));
        }

        foreach (var token in live?.ChangeTokens ?? [])
        {
            if (token.ExpiresAt - now <= options.ChangeTokenWarning)
            {
                var when = token.ExpiresAt <= now ? $"expired at {token.ExpiresAt:u}: the next poll makes a full resync" : $"expires at {token.ExpiresAt:u}: a poll must succeed before then or a full resync follows";
                problems.Add(new(ConnectionProblemKind.ChangeTokenExpiring, $"{system}/{token.Entity}",
                    $"{system}/{token.Entity}: the change-tracking token from {token.IssuedAt:u} {when}."));
            }
        }

        if (live?.ThrottledInHourBefore(now) is >= ConnectionHealthService.ThrottleStorm and var throttled)
        {
            problems.Add(new(ConnectionProblemKind.Throttled, system,
                $"{system} throttled {throttled} calls in the last hour{(live.QuotaRemaining is { } q ? $" (quota left: {q})" : string.Empty)}: poll less often (Polling:Targets Interval) or lower the batch size."));
        }

        if (ages.FirstOrDefault(a => a.Age > ConnectionHealthService.StaleCheckpoint) is { } stale)
        {
            problems.Add(new(ConnectionProblemKind.StaleCheckpoint, $"{system}/{stale.Entity}",
                $"{system}/{stale.Entity}: change detection has not advanced since {stale.SavedAt:u}: check Polling:Targets and the poll errors in the log."));
        }

        return problems;
    }

    /// <summary>
    /// A system that pushes (it has channels, or sent notifications) is silent when the last notification (or, without
    /// any, the first channel's creation) is older than <see cref="PipelineOptions.PushSilence"/> both now and at the
    /// time polling last found changes.
    /// </summary>
    private DateTimeOffset? SilentSince(ConnectorHealth? live, IReadOnlyList<PollTargetStatus> polls)
    {
        var since = live?.LastNotificationAt ?? live?.PushChannels.Where(c => c.RenewedAt is not null).Min(c => c.RenewedAt);
        var found = polls.Max(p => p.LastChangesAt);
        return since is { } quiet && found is { } changes && changes - quiet > options.PushSilence && now - quiet > options.PushSilence ? quiet : null;
    }

    private static string Because(string? error) => error is null ? string.Empty : $" (renewing failed: {error})";
}
