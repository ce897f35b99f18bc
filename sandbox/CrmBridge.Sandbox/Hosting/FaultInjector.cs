namespace CrmBridge.Sandbox.Hosting;

/// <summary>
/// Decides, per request, whether an emulator injects a fault: a queue of scripted faults for the next N requests
/// (deterministic tests) plus an optional random error rate (demos, soak runs). Thread-safe.
/// </summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly Queue<SandboxFault> _scripted = new();
    private Random _random = new(12345);
    private double _errorRate;
    private SandboxFault[] _randomFaults = [];

    /// <summary>Makes the next <paramref name="count"/> requests fail with the given fault.</summary>
    /// <param name="count">How many requests.</param>
    /// <param name="kind">The fault.</param>
    /// <param name="delay">Retry-After for throttling, latency for <see cref="SandboxFaultKind.Latency"/>.</param>
    public void FailNext(int count, SandboxFaultKind kind, TimeSpan delay = default)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _scripted.Enqueue(new SandboxFault(kind, delay));
            }
        }
    }

    /// <summary>Makes a random share of requests fail with the given fault.</summary>
    /// <param name="rate">0 (never) to 1 (always).</param>
    /// <param name="kind">The fault.</param>
    /// <param name="delay">Retry-After or latency.</param>
    /// <param name="seed">The random seed, for repeatable runs.</param>
    public void SetErrorRate(double rate, SandboxFaultKind kind, TimeSpan delay = default, int seed = 12345)
    {
        SetErrorMix(rate, [new SandboxFault(kind, delay)], seed);
    }

    /// <summary>Makes a random share of requests fail, each with one of <paramref name="faults"/> picked at random.</summary>
    /// <param name="rate">0 (never) to 1 (always).</param>
    /// <param name="faults">The faults to pick from, equally likely (a soak run's mix of throttling, errors, drops, latency).</param>
    /// <param name="seed">The random seed, for repeatable runs.</param>
    public void SetErrorMix(double rate, IReadOnlyCollection<SandboxFault> faults, int seed = 12345)
    {
        ArgumentNullException.ThrowIfNull(faults);
        lock (_gate)
        {
            _errorRate = Math.Clamp(rate, 0, 1);
            _randomFaults = [.. faults];
            _random = new Random(seed);
        }
    }

    /// <summary>Removes all scripted faults and the error rate.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _scripted.Clear();
            _errorRate = 0;
            _randomFaults = [];
        }
    }

    /// <summary>Takes the fault for the current request, if any.</summary>
    /// <returns>The fault, or <see langword="null"/> to serve the request normally.</returns>
    public SandboxFault? Next()
    {
        lock (_gate)
        {
            if (_scripted.Count > 0)
            {
                return _scripted.Dequeue();
            }

            return _randomFaults.Length > 0 && _errorRate > 0 && _random.NextDouble() < _errorRate
                ? _randomFaults[_randomFaults.Length == 1 ? 0 : _random.Next(_randomFaults.Length)]
                : null;
        }
    }
}
