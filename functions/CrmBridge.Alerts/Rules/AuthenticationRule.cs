using System.Globalization;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.Options;

namespace CrmBridge.Alerts.Rules;

/// <summary>
/// Authentication failing on a route: a target that refuses our credentials (401/403, invalid token) fails every record
/// permanently, so it shows as dead letters with those codes rather than an open circuit. The condition holds while such
/// dead letters keep arriving within <see cref="AlertsOptions.DeadLetterWindow"/> and ends after a window without any.
/// </summary>
internal sealed class AuthenticationRule(IDeadLetterStore store, IOptions<AlertsOptions> options, TimeProvider time) : IAlertRule
{
    private readonly HashSet<string> _failing = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<AlertSignal>> EvaluateAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var since = now - options.Value.DeadLetterWindow;
        var letters = await store.ListDeadLettersAsync(new DeadLetterQuery(DeadLetterStatus.Open, Limit: 10_000), cancellationToken).ConfigureAwait(false);
        var failing = letters
            .Where(l => l.FailedAt > since && CircuitRule.AuthenticationCodes.Contains(l.ErrorCode))
            .GroupBy(l => l.Route ?? "(before routing)", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var signals = new List<AlertSignal>();
        foreach (var (route, list) in failing)
        {
            _failing.Add(route);
            var codes = string.Join(", ", list.Select(l => l.ErrorCode).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
            signals.Add(new AlertSignal(
                new Alert(
                    Key(route),
                    AlertKind.Authentication,
                    $"Authentication failing on route {route}",
                    "The target refuses our credentials: renew the client secret, API key or consent in the Connectors configuration, then replay the dead letters.",
                    [new("Route", route), new("Error codes", codes), new("Failed records (window)", list.Count.ToString(CultureInfo.InvariantCulture))],
                    Recovery: false,
                    now),
                Firing: true));
        }

        foreach (var route in _failing.Where(r => !failing.ContainsKey(r)).ToList())
        {
            _failing.Remove(route);
            signals.Add(new AlertSignal(
                new Alert(Key(route), AlertKind.Authentication, $"Authentication on route {route} no longer failing", "No authentication failures in the last window.", [new("Route", route)], Recovery: true, now),
                Firing: false));
        }

        return signals;
    }

    private static string Key(string route) => $"auth:{route}";
}
