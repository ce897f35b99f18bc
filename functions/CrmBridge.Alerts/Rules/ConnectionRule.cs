using System.Globalization;
using CrmBridge.Pipeline.Operations;
using Microsoft.Extensions.Options;

namespace CrmBridge.Alerts.Rules;

/// <summary>
/// Connection health (<see cref="ConnectionHealthService"/>): a system whose credentials are refused at the token
/// endpoint or with 401/403 (<see cref="AlertKind.Authentication"/>, unless its open circuit already says so through
/// <see cref="CircuitRule"/>), and push channels that expired or went silent while polling finds changes
/// (<see cref="AlertKind.PushChannel"/>). Each problem is a condition with its own key: one alert, one recovery.
/// </summary>
internal sealed class ConnectionRule(ConnectionHealthService? health, IOptions<AlertsOptions> options, TimeProvider time) : IAlertRule
{
    private readonly Dictionary<string, Alert> _firing = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<AlertSignal>> EvaluateAsync(CancellationToken cancellationToken)
    {
        if (health is null)
        {
            return [];
        }

        var now = time.GetUtcNow();
        var disabled = options.Value.Disabled;
        var current = new Dictionary<string, Alert>(StringComparer.Ordinal);
        foreach (var connection in await health.GetAsync([], cancellationToken).ConfigureAwait(false))
        {
            foreach (var problem in connection.Problems)
            {
                var alert = problem.Kind switch
                {
                    ConnectionProblemKind.Authentication when !disabled.Contains(AlertKind.Authentication) && connection.Circuit is null or "Closed" =>
                        Make($"auth:{problem.Key}", AlertKind.Authentication, $"{connection.System} refuses our credentials", problem, connection, now),
                    ConnectionProblemKind.PushChannelExpired when !disabled.Contains(AlertKind.PushChannel) =>
                        Make($"push:{problem.Key}", AlertKind.PushChannel, $"Push channel of {connection.System} expired or not renewed", problem, connection, now),
                    ConnectionProblemKind.PushSilent when !disabled.Contains(AlertKind.PushChannel) =>
                        Make($"push:{problem.Key}", AlertKind.PushChannel, $"{connection.System} stopped pushing changes while polling still finds them", problem, connection, now),
                    _ => null,
                };
                if (alert is not null)
                {
                    current.TryAdd(alert.Key, alert);
                }
            }
        }

        var signals = current.Values.Select(a => new AlertSignal(a, Firing: true)).ToList();
        foreach (var (key, ended) in _firing.Where(f => !current.ContainsKey(f.Key)))
        {
            signals.Add(new AlertSignal(
                ended with { Title = Recovered(ended), Text = "The connection works again.", Recovery = true, At = now, Facts = [.. ended.Facts.Take(1)] },
                Firing: false));
        }

        _firing.Clear();
        foreach (var (key, alert) in current)
        {
            _firing[key] = alert;
        }

        return signals;
    }

    private static string Recovered(Alert ended)
    {
        var system = ended.Facts[0].Value;
        return ended.Kind == AlertKind.Authentication ? $"{system} accepts our credentials again" : $"{system} pushes changes again";
    }

    private static Alert Make(string key, AlertKind kind, string title, ConnectionProblem problem, ConnectionHealth connection, DateTimeOffset now)
    {
        var facts = new List<KeyValuePair<string, string>> { new("System", connection.System) };
        if (connection.Live is { } live)
        {
            facts.Add(new("Authentication", live.Authentication.ToString()));
            if (live.AuthenticationReason is { } reason)
            {
                facts.Add(new("Reason", reason));
            }

            if (live.BaseUrl is { } url)
            {
                facts.Add(new("Base URL / data centre", url));
            }

            if (live.LastNotificationAt is { } pushed)
            {
                facts.Add(new("Last notification", pushed.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)));
            }
        }

        return new Alert(key, kind, title, problem.Text, facts, Recovery: false, now);
    }
}
