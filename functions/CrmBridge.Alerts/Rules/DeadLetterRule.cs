using System.Globalization;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.Options;

namespace CrmBridge.Alerts.Rules;

/// <summary>
/// New dead letters, batched per route over <see cref="AlertsOptions.DeadLetterWindow"/>: "12 new failed records on route X in
/// the last 10 minutes", with the top error codes and a few dead-letter ids (never reasons' text or record content).
/// </summary>
internal sealed class DeadLetterRule(IDeadLetterStore store, IOptions<AlertsOptions> options, TimeProvider time) : IAlertRule
{
    private const int TopCodes = 3;
    private const int ShownIds = 5;
    private DateTimeOffset? _since;

    public async Task<IReadOnlyList<AlertSignal>> EvaluateAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        _since ??= now - o.DeadLetterWindow; // at start: what failed in the last window
        if (now - _since < o.DeadLetterWindow)
        {
            return [];
        }

        var since = _since.Value;
        var letters = await store.ListDeadLettersAsync(new DeadLetterQuery(DeadLetterStatus.Open, Limit: 10_000), cancellationToken).ConfigureAwait(false);
        _since = now;
        return [.. letters
            .Where(l => l.FailedAt >= since && l.FailedAt < now) // windows [since, now) count each letter once
            .GroupBy(l => l.Route ?? "(before routing)", StringComparer.Ordinal)
            .Where(g => g.Count() >= o.DeadLetterThreshold)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new AlertSignal(Describe(g.Key, [.. g], now - since, now), Firing: true, IsEvent: true))];
    }

    private static Alert Describe(string route, IReadOnlyList<DeadLetter> letters, TimeSpan window, DateTimeOffset now)
    {
        var codes = letters.GroupBy(l => l.ErrorCode, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(TopCodes)
            .Select(g => $"{g.Key} ×{g.Count()}");
        var source = letters[0].Envelope.Source;
        var minutes = Math.Max(1, (int)Math.Round(window.TotalMinutes));
        return new Alert(
            $"deadletters:{route}",
            AlertKind.DeadLetters,
            $"{letters.Count} new failed record{(letters.Count == 1 ? "" : "s")} on route {route} in the last {minutes} minute{(minutes == 1 ? "" : "s")}",
            $"List them with `crmbridge deadletters list --system {source.System}`, fix the cause, then replay them.",
            [
                new("Route", route),
                new("Source", $"{source.System}/{source.Entity}"),
                new("New dead letters", letters.Count.ToString(CultureInfo.InvariantCulture)),
                new("Top reasons", string.Join(", ", codes)),
                new("Dead-letter ids", string.Join(", ", letters.Take(ShownIds).Select(l => l.Id)) + (letters.Count > ShownIds ? ", …" : "")),
            ],
            Recovery: false,
            now);
    }
}
