using System.Globalization;
using CrmBridge.Pipeline.Intake;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.Options;

namespace CrmBridge.Alerts.Rules;

/// <summary>
/// Polls failing: a system/entity whose last <see cref="AlertsOptions.PollFailureThreshold"/> polls failed in a row (the
/// <c>#poll</c> rows every host records) is a condition until a poll succeeds again; the gate makes that one alert and
/// one recovery however many polls fail in between.
/// </summary>
internal sealed class PollFailingRule(ICheckpointStore store, IOptions<AlertsOptions> options, TimeProvider time) : IAlertRule
{
    public async Task<IReadOnlyList<AlertSignal>> EvaluateAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var threshold = options.Value.PollFailureThreshold;
        var polls = PollHealth.FromCheckpoints(await store.ListCheckpointsAsync(cancellationToken).ConfigureAwait(false));
        return [.. polls.Select(p => p.ConsecutiveFailures >= threshold
            ? new AlertSignal(Failing(p, now), Firing: true)
            : new AlertSignal(Recovered(p, now), Firing: false))];
    }

    private static Alert Failing(PollTargetStatus p, DateTimeOffset now) => new(
        Key(p),
        AlertKind.PollFailing,
        $"Polling {p.System}/{p.Entity} failed {p.ConsecutiveFailures} times in a row",
        $"Changes of {p.System}/{p.Entity} are not being detected since {Time(p.FailingSince)}. Fix what the error code says (credentials, URL, permissions) under Connectors; polling resumes from its checkpoint, nothing is lost.",
        [
            new("System", p.System),
            new("Entity", p.Entity),
            new("Failures in a row", p.ConsecutiveFailures.ToString(CultureInfo.InvariantCulture)),
            new("Failing since", Time(p.FailingSince)),
            new("Last error code", ErrorCode(p.LastError)),
            new("Last success", Time(p.LastSuccessAt)),
        ],
        Recovery: false,
        now);

    private static Alert Recovered(PollTargetStatus p, DateTimeOffset now) => new(
        Key(p),
        AlertKind.PollFailing,
        $"Polling {p.System}/{p.Entity} works again",
        "The last poll succeeded; changes missed meanwhile are read from the checkpoint.",
        [new("System", p.System), new("Entity", p.Entity), new("Last poll", Time(p.LastPollAt))],
        Recovery: true,
        now);

    /// <summary>Only the code: the message may quote data (a record's value in a validation error).</summary>
    private static string ErrorCode(string? lastError) => lastError?.Split(':', 2)[0].Trim() is { Length: > 0 } code ? code : "-";

    private static string Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("u", CultureInfo.InvariantCulture) ?? "-";

    private static string Key(PollTargetStatus p) => $"poll:{p.System}/{p.Entity}";
}
