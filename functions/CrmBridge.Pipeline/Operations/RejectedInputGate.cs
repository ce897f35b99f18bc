using System.Collections.Concurrent;
using System.Text;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Pipeline.Operations;

/// <summary>
/// Decides whether an authenticated but malformed call (a webhook 400) is kept as a rejected-input dead letter. Every
/// rejected call is counted and logged; at most <see cref="PipelineOptions.RejectedInputPerMinute"/> per system and minute
/// and <see cref="PipelineOptions.MaxOpenRejectedInput"/> open letters per system are stored, each body cut to
/// <see cref="PipelineOptions.MaxRejectedBodyBytes"/>. A sender holding the keys cannot fill the store.
/// </summary>
public sealed class RejectedInputGate
{
    private readonly DeadLetterService _deadLetters;
    private readonly IDeadLetterStore _store;
    private readonly PipelineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RejectedInputGate> _logger;
    private readonly ConcurrentDictionary<string, (long Minute, int Count)> _windows = new(StringComparer.OrdinalIgnoreCase);
    private long _rejected;
    private long _notStored;

    /// <summary>Initializes a new instance of the <see cref="RejectedInputGate"/> class.</summary>
    /// <param name="deadLetters">Records the letters.</param>
    /// <param name="store">Counts the open letters.</param>
    /// <param name="options">The limits.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public RejectedInputGate(DeadLetterService deadLetters, IDeadLetterStore store, IOptions<PipelineOptions> options, TimeProvider time, ILogger<RejectedInputGate> logger)
    {
        _deadLetters = deadLetters;
        _store = store;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Gets how many rejected calls were seen since start.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Gets how many of them were counted but not stored (rate or cap reached).</summary>
    public long NotStored => Interlocked.Read(ref _notStored);

    /// <summary>Counts a rejected call and stores it when the limits allow.</summary>
    /// <param name="system">The system that sent it.</param>
    /// <param name="channel">Where it arrived.</param>
    /// <param name="reason">Why it was rejected.</param>
    /// <param name="body">The body (secrets already removed).</param>
    /// <param name="correlationId">The call's correlation id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The dead letter's id, or <see langword="null"/> when it was only counted.</returns>
    public async Task<string?> RecordAsync(string system, string channel, string reason, string body, string correlationId, CancellationToken cancellationToken)
    {
        var total = Interlocked.Increment(ref _rejected);
        var why = !TakeFromWindow(system) ? "rate"
            : await OpenCountAsync(system, channel, cancellationToken).ConfigureAwait(false) >= _options.MaxOpenRejectedInput ? "cap" : null;
        if (why is not null)
        {
            Interlocked.Increment(ref _notStored);
            PipelineLog.RejectedInputNotStored(_logger, system, channel, why, total, correlationId);
            return null;
        }

        return await _deadLetters.RecordRejectedInputAsync(system, channel, reason, Cut(body, _options.MaxRejectedBodyBytes), correlationId, cancellationToken).ConfigureAwait(false);
    }

    private bool TakeFromWindow(string system)
    {
        var minute = _time.GetUtcNow().ToUnixTimeSeconds() / 60;
        var window = _windows.AddOrUpdate(system, _ => (minute, 1), (_, w) => w.Minute == minute ? (minute, w.Count + 1) : (minute, 1));
        return window.Count <= _options.RejectedInputPerMinute;
    }

    private async Task<int> OpenCountAsync(string system, string channel, CancellationToken cancellationToken)
    {
        var entity = "(" + channel + ")";
        var counts = await _store.CountOpenDeadLettersAsync(cancellationToken).ConfigureAwait(false);
        return counts.Where(c => string.Equals(c.System, system, StringComparison.OrdinalIgnoreCase) && c.Entity == entity).Sum(c => c.Count);
    }

    private static string Cut(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }

        var chars = Math.Min(text.Length, maxBytes);
        while (chars > 0 && Encoding.UTF8.GetByteCount(text.AsSpan(0, chars)) > maxBytes)
        {
            chars -= Math.Max(1, chars / 10);
        }

        return text[..Math.Max(0, chars)] + " …(cut)";
    }
}
