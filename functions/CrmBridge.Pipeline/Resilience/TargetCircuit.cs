using CrmBridge.Connectors;

namespace CrmBridge.Pipeline.Resilience;

/// <summary>
/// One target system's circuit: after <see cref="PipelineOptions.CircuitFailureThreshold"/> transient failures in a row it
/// opens for <see cref="PipelineOptions.CircuitOpenDuration"/> (doubling after each failed probe up to
/// <see cref="PipelineOptions.CircuitMaxOpenDuration"/>, and to at most <see cref="OutageShare"/> of the time the
/// target has been failing, so the backlog resumes at most that share of the outage late); then one probe goes, and its
/// outcome closes or reopens it.
/// </summary>
internal sealed class TargetCircuit
{
    /// <summary>The longest open time as a share of how long the target has been failing (a 2-minute outage: 30 s).</summary>
    public const double OutageShare = 0.25;

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMinutes(2);
    private readonly Lock _gate = new();
    private readonly string _system;
    private readonly PipelineOptions _options;
    private CircuitState _state;
    private DateTimeOffset _since;
    private DateTimeOffset _openUntil;
    private TimeSpan _openDuration;
    private int _failures;
    private string? _lastError;
    private DateTimeOffset? _probeStarted;
    private DateTimeOffset _failingSince;

    public TargetCircuit(string system, PipelineOptions options, DateTimeOffset now)
    {
        _system = system;
        _options = options;
        _since = now;
        _openDuration = options.CircuitOpenDuration;
    }

    /// <summary>Decides whether a delivery may go now.</summary>
    public CircuitDecision Enter(DateTimeOffset now, out CircuitSnapshot? changed)
    {
        lock (_gate)
        {
            changed = null;
            switch (_state)
            {
                case CircuitState.Closed:
                    return CircuitDecision.Go;
                case CircuitState.Open when now < _openUntil:
                    return new CircuitDecision(false, false, _openUntil);
                case CircuitState.Open:
                    _state = CircuitState.HalfOpen;
                    _since = now;
                    _probeStarted = now;
                    changed = SnapshotLocked();
                    return new CircuitDecision(true, true, default);
                default:
                    if (_probeStarted is { } started && now - started > ProbeTimeout)
                    {
                        _probeStarted = now; // the probe's host died or never reported: let another one go
                        return new CircuitDecision(true, true, default);
                    }

                    return new CircuitDecision(false, false, now + ProbeWait);
            }
        }
    }

    /// <summary>Records a delivery's outcome.</summary>
    /// <returns>The new snapshot when the state changed (to persist), else <see langword="null"/>.</returns>
    public CircuitSnapshot? Report(bool succeeded, ConnectorException? error, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (succeeded)
            {
                _failures = 0;
                if (_state == CircuitState.Closed)
                {
                    return null;
                }

                _state = CircuitState.Closed;
                _since = now;
                _probeStarted = null;
                _openDuration = _options.CircuitOpenDuration;
                return SnapshotLocked();
            }

            if (error is null || error.Kind is not (ErrorKind.Transient or ErrorKind.Throttled))
            {
                return null; // bad data or missing records say nothing about the target's health
            }

            _failures++;
            _lastError = $"{error.ErrorCode}: {Shorten(error.Message)}";
            if (_state == CircuitState.HalfOpen)
            {
                var doubled = Math.Min(_openDuration.Ticks * 2, _options.CircuitMaxOpenDuration.Ticks);
                var share = Math.Max(_options.CircuitOpenDuration.Ticks, (long)((now - _failingSince).Ticks * OutageShare));
                _openDuration = TimeSpan.FromTicks(Math.Min(doubled, share));
                return OpenLocked(now);
            }

            if (_state == CircuitState.Closed && _failures >= _options.CircuitFailureThreshold)
            {
                _failingSince = now;
                return OpenLocked(now);
            }

            return null;
        }
    }

    public CircuitSnapshot Snapshot()
    {
        lock (_gate)
        {
            return SnapshotLocked();
        }
    }

    private TimeSpan ProbeWait => _options.CircuitOpenDuration < TimeSpan.FromSeconds(5) ? _options.CircuitOpenDuration : TimeSpan.FromSeconds(5);

    private CircuitSnapshot OpenLocked(DateTimeOffset now)
    {
        _state = CircuitState.Open;
        _since = now;
        _openUntil = now + _openDuration;
        _probeStarted = null;
        return SnapshotLocked();
    }

    private CircuitSnapshot SnapshotLocked() =>
        new(_system, _state, _since, _state == CircuitState.Open ? _openUntil : null, _failures, _lastError);

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
