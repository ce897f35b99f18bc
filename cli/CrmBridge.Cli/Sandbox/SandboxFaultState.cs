using CrmBridge.Sandbox.Hosting;

namespace CrmBridge.Cli.Sandbox;

/// <summary>
/// The faults set on one sandbox through the control API. An emulator's injector holds one random fault at a time, so
/// the state decides which applies: an outage (every call fails with a server error) wins over an error rate, which wins
/// over added latency; turning the outage off restores the rate. <see cref="Mixed"/> draws each faulted call's kind at
/// random from throttling (429 + Retry-After 1 s), a server error, a dropped connection and 1 s of latency.
/// </summary>
internal sealed class SandboxFaultState
{
    private readonly FaultInjector _faults;
    private readonly object _gate = new();

    public SandboxFaultState(FaultInjector faults) => _faults = faults;

    public double ErrorRate { get; private set; }

    public SandboxFaultKind Kind { get; private set; } = SandboxFaultKind.ServerError;

    public int LatencyMs { get; private set; }

    public bool Outage { get; private set; }

    public bool Mixed { get; private set; }

    public void SetRate(double rate, SandboxFaultKind kind) => Change(() => (ErrorRate, Kind, Mixed) = (Math.Clamp(rate, 0, 1), kind, false));

    public void SetMixedRate(double rate) => Change(() => (ErrorRate, Mixed) = (Math.Clamp(rate, 0, 1), true));

    public void SetLatency(int milliseconds) => Change(() => LatencyMs = Math.Max(0, milliseconds));

    public void SetOutage(bool on) => Change(() => Outage = on);

    public void Clear() => Change(() => (ErrorRate, LatencyMs, Outage) = (0, 0, false));

    public object Describe() => new { errorRate = ErrorRate, kind = Mixed ? "Mixed" : Kind.ToString(), latencyMs = LatencyMs, outage = Outage };

    private void Change(Action change)
    {
        lock (_gate)
        {
            change();
            if (Outage)
            {
                _faults.SetErrorRate(1, SandboxFaultKind.ServerError);
            }
            else if (ErrorRate > 0 && Mixed)
            {
                var second = TimeSpan.FromSeconds(1);
                _faults.SetErrorMix(ErrorRate, [new(SandboxFaultKind.Throttle, second), new(SandboxFaultKind.ServerError, second),
                    new(SandboxFaultKind.DropConnection, second), new(SandboxFaultKind.Latency, second)], seed: Environment.TickCount);
            }
            else if (ErrorRate > 0)
            {
                _faults.SetErrorRate(ErrorRate, Kind, TimeSpan.FromSeconds(1), seed: Environment.TickCount);
            }
            else if (LatencyMs > 0)
            {
                _faults.SetErrorRate(1, SandboxFaultKind.Latency, TimeSpan.FromMilliseconds(LatencyMs));
            }
            else
            {
                _faults.Clear();
            }
        }
    }
}
