using Microsoft.Extensions.Options;

namespace CrmBridge.Alerts;

/// <summary>
/// De-duplication and rate limit: a condition is told once when it starts, once when it ends (only if its start was
/// told), and again only as a reminder after <see cref="AlertsOptions.RepeatAfter"/>; at most
/// <see cref="AlertsOptions.MaxPerHour"/> alerts go out per hour, the rest are counted and told in the next one sent.
/// So an outage that lasts a day sends one alert, at most a few reminders and one recovery — not thousands.
/// </summary>
public sealed class AlertGate
{
    private readonly Dictionary<string, Active> _active = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> _sent = new();
    private readonly AlertsOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private int _suppressed;

    /// <summary>Initializes a new instance of the <see cref="AlertGate"/> class.</summary>
    /// <param name="options">The limits.</param>
    /// <param name="time">The clock.</param>
    public AlertGate(IOptions<AlertsOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
    }

    /// <summary>Gets the keys of the conditions that hold now (for health reports).</summary>
    public IReadOnlyList<string> ActiveKeys
    {
        get
        {
            lock (_lock)
            {
                return [.. _active.Keys];
            }
        }
    }

    /// <summary>Decides which of <paramref name="signals"/> are told now.</summary>
    /// <param name="signals">What the rules saw.</param>
    /// <returns>The alerts to send, in order.</returns>
    public IReadOnlyList<Alert> Admit(IEnumerable<AlertSignal> signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var now = _time.GetUtcNow();
        var admitted = new List<Alert>();
        lock (_lock)
        {
            while (_sent.Count > 0 && now - _sent.Peek() >= TimeSpan.FromHours(1))
            {
                _sent.Dequeue();
            }

            foreach (var signal in signals)
            {
                if (Decide(signal, now) is { } alert && Take(alert, now) is { } sent)
                {
                    admitted.Add(sent);
                }
            }
        }

        return admitted;
    }

    private Alert? Decide(AlertSignal signal, DateTimeOffset now)
    {
        var key = signal.Alert.Key;
        if (signal.IsEvent)
        {
            return signal.Firing ? signal.Alert : null;
        }

        if (!signal.Firing)
        {
            // A recovery is told only when the start was: a start held back by the rate limit ends quietly.
            return _active.Remove(key, out var ended) && ended.Told ? signal.Alert : null;
        }

        if (!_active.TryGetValue(key, out var active))
        {
            _active[key] = new Active(now, false);
            return signal.Alert;
        }

        return active.Told && now - active.LastTold >= _options.RepeatAfter
            ? signal.Alert with { Title = "Still: " + signal.Alert.Title }
            : null;
    }

    private Alert? Take(Alert alert, DateTimeOffset now)
    {
        if (_sent.Count >= _options.MaxPerHour)
        {
            _suppressed++;
            return null;
        }

        _sent.Enqueue(now);
        if (_active.ContainsKey(alert.Key) && !alert.Recovery)
        {
            _active[alert.Key] = new Active(now, true);
        }

        var sent = alert with { Suppressed = _suppressed };
        _suppressed = 0;
        return sent;
    }

    private readonly record struct Active(DateTimeOffset LastTold, bool Told);
}
