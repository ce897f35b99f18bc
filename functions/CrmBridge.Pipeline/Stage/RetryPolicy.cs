using CrmBridge.Connectors;

namespace CrmBridge.Pipeline.Stage;

/// <summary>Exponential backoff with ±20 % jitter, honouring the system's Retry-After.</summary>
public sealed class RetryPolicy
{
    private readonly PipelineOptions _options;
    private readonly Func<double> _random;

    /// <summary>Initializes a new instance of the <see cref="RetryPolicy"/> class.</summary>
    /// <param name="options">The pipeline options.</param>
    /// <param name="random">A source of values in [0, 1) for jitter; <see langword="null"/> for <see cref="Random.Shared"/>.</param>
    public RetryPolicy(PipelineOptions options, Func<double>? random = null)
    {
        _options = options;
        _random = random ?? Random.Shared.NextDouble;
    }

    /// <summary>Gets the delay before the next attempt.</summary>
    /// <param name="attempt">The number of the attempt that just failed (1 = first).</param>
    /// <param name="error">The failure, when it was a connector error.</param>
    /// <returns>The delay.</returns>
    public TimeSpan NextDelay(int attempt, ConnectorException? error)
    {
        if (error?.Kind == ErrorKind.QuotaExhausted)
        {
            return Cap(error.RetryAfter ?? _options.QuotaRetryDelay, TimeSpan.FromDays(6));
        }

        var exponent = Math.Min(Math.Max(attempt - 1, 0), 20);
        var backoff = _options.BaseRetryDelay.TotalMilliseconds * Math.Pow(2, exponent);
        var jittered = backoff * (0.8 + (0.4 * _random()));
        var delay = Cap(TimeSpan.FromMilliseconds(jittered), _options.MaxRetryDelay);
        if (error?.RetryAfter is { } retryAfter && retryAfter > delay)
        {
            // Never earlier than the system asked; a little jitter so throttled workers do not return in lockstep.
            delay = retryAfter + TimeSpan.FromMilliseconds(250 * _random());
        }

        return delay;
    }

    /// <summary>Whether a transiently failing change is given up on (dead-lettered) rather than retried again.</summary>
    /// <param name="attempt">The number of the attempt that just failed.</param>
    /// <param name="firstSeen">When the change was first seen.</param>
    /// <param name="now">Now.</param>
    /// <returns><see langword="true"/> past <see cref="PipelineOptions.MaxRetryAge"/> or the optional attempt cap.</returns>
    public bool GivesUp(int attempt, DateTimeOffset firstSeen, DateTimeOffset now) =>
        now - firstSeen >= _options.MaxRetryAge || (_options.MaxAttempts is { } max && attempt >= max);

    /// <summary>Gets the delay before a deferred envelope looks for its dependency again.</summary>
    /// <param name="deferrals">How often it was deferred so far.</param>
    /// <returns>The delay.</returns>
    public TimeSpan DeferralDelay(int deferrals)
    {
        var exponent = Math.Min(deferrals, 20);
        return Cap(TimeSpan.FromMilliseconds(_options.DeferralDelay.TotalMilliseconds * Math.Pow(2, exponent)), _options.MaxRetryDelay);
    }

    private static TimeSpan Cap(TimeSpan value, TimeSpan max) => value > max ? max : value;
}
