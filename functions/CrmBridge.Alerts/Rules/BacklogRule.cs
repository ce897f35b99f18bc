using Microsoft.Extensions.Options;
using System.Globalization;
using CrmBridge.Pipeline.Queueing;

namespace CrmBridge.Alerts.Rules;

/// <summary>
/// Backlog: the changes queue has not drained for longer than <see cref="AlertsOptions.BacklogAge"/> (the queue ports tell
/// a count, not the oldest message's age, so "older than T" is measured as "not empty for T").
/// </summary>
internal sealed class BacklogRule(IWorkQueue queue, IOptions<AlertsOptions> options, TimeProvider time) : IAlertRule
{
    private const string Key = "backlog";
    private DateTimeOffset? _nonEmptySince;

    public async Task<IReadOnlyList<AlertSignal>> EvaluateAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var count = await queue.CountAsync(cancellationToken).ConfigureAwait(false);
        if (count == 0)
        {
            _nonEmptySince = null;
            return [new AlertSignal(new Alert(Key, AlertKind.Backlog, "Backlog drained", "The changes queue is empty again.", [], Recovery: true, now), Firing: false)];
        }

        _nonEmptySince ??= now;
        var age = now - _nonEmptySince.Value;
        if (age < options.Value.BacklogAge)
        {
            return [];
        }

        return [new AlertSignal(
            new Alert(
                Key,
                AlertKind.Backlog,
                $"Backlog not drained for {(int)age.TotalMinutes} minutes ({count} changes waiting)",
                "Check the circuits and dead letters in `crmbridge status`; a paused target or a slow worker keeps changes waiting.",
                [new("Waiting changes", count.ToString(CultureInfo.InvariantCulture)), new("Not empty since", _nonEmptySince.Value.UtcDateTime.ToString("u", CultureInfo.InvariantCulture))],
                Recovery: false,
                now),
            Firing: true)];
    }
}
