using System.Globalization;

namespace CrmBridge.Connectors.Fxiaoke;

/// <summary>Turns Fxiaoke <c>errorCode</c>s into classified <see cref="ConnectorException"/>s.</summary>
internal sealed class FxiaokeErrors
{
    private readonly FxiaokeOptions _options;
    private readonly TimeProvider _time;
    private readonly TimeZoneInfo _quotaZone;
    private readonly ConnectorHealthTracker? _health;

    public FxiaokeErrors(FxiaokeOptions options, TimeProvider time, ConnectorHealthTracker? health = null)
    {
        _health = health;
        _options = options;
        _time = time;
        _quotaZone = ResolveZone(options.QuotaTimeZone);
    }

    /// <summary>Builds the exception for a non-zero errorCode.</summary>
    public ConnectorException FromErrorCode(int errorCode, string? message, string operation)
    {
        var code = errorCode.ToString(CultureInfo.InvariantCulture);
        var text = $"fxiaoke {operation}: errorCode {code}: {message ?? "(no message)"}";
        var kind = FxiaokeErrorCodes.Classify(errorCode);

        // Every Fxiaoke answer is HTTP 200: the health handler cannot see throttling, so it is told here.
        if (kind == FxiaokeErrorClass.Throttled)
        {
            _health?.RecordThrottled(code);
        }
        else if (kind == FxiaokeErrorClass.QuotaExhausted)
        {
            _health?.RecordThrottled(code);
            _health?.RecordQuota($"daily quota exhausted (errorCode {code}); resets in {UntilQuotaReset().TotalHours:0.#} h");
        }

        return kind switch
        {
            FxiaokeErrorClass.Transient or FxiaokeErrorClass.TokenExpired =>
                new ConnectorException(_options.System, ErrorKind.Transient, code, text, 200),
            FxiaokeErrorClass.Throttled =>
                new ConnectorException(_options.System, ErrorKind.Throttled, code, text, 200, _options.ThrottleRetryAfter),
            FxiaokeErrorClass.QuotaExhausted =>
                new ConnectorException(_options.System, ErrorKind.QuotaExhausted, code, text, 200, UntilQuotaReset()),
            FxiaokeErrorClass.NotFound =>
                new ConnectorException(_options.System, ErrorKind.NotFound, code, text, 200),
            _ => new ConnectorException(_options.System, ErrorKind.Permanent, code, text, 200),
        };
    }

    /// <summary>Gets the time until the daily quota resets (next <see cref="FxiaokeOptions.QuotaResetTimeOfDay"/> in the quota zone).</summary>
    public TimeSpan UntilQuotaReset()
    {
        var now = _time.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, _quotaZone);
        var resetToday = new DateTimeOffset(local.Date + _options.QuotaResetTimeOfDay, local.Offset);
        var next = resetToday > local ? resetToday : resetToday.AddDays(1);
        var wait = next - local;
        return wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait;
    }

    private static TimeZoneInfo ResolveZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            // China has no DST: a fixed UTC+8 is exact for the default zone when tzdata is missing.
            return TimeZoneInfo.CreateCustomTimeZone(id, TimeSpan.FromHours(8), id, id);
        }
    }
}
