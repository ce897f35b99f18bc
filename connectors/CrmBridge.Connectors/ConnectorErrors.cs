using System.Net;
using System.Net.Http.Headers;

namespace CrmBridge.Connectors;

/// <summary>Shared classification of HTTP failures, so every connector agrees on what is transient.</summary>
public static class ConnectorErrors
{
    /// <summary>Classifies an HTTP status code.</summary>
    /// <param name="status">The HTTP status code.</param>
    /// <returns>The kind: 408/5xx transient, 429 throttled, 404 not found, other 4xx permanent.</returns>
    public static ErrorKind Classify(int status) => status switch
    {
        429 => ErrorKind.Throttled,
        408 => ErrorKind.Transient,
        404 => ErrorKind.NotFound,
        >= 500 => ErrorKind.Transient,
        _ => ErrorKind.Permanent,
    };

    /// <summary>Builds a <see cref="ConnectorException"/> for an HTTP error response.</summary>
    /// <param name="system">The system name.</param>
    /// <param name="status">The HTTP status.</param>
    /// <param name="errorCode">The system's error code, or <see langword="null"/> to use <c>HTTP_{status}</c>.</param>
    /// <param name="message">The system's message.</param>
    /// <param name="retryAfter">The parsed Retry-After, if any.</param>
    /// <returns>The classified exception.</returns>
    public static ConnectorException FromStatus(string system, int status, string? errorCode, string message, TimeSpan? retryAfter = null) =>
        new(system, Classify(status), errorCode ?? $"HTTP_{status}", message, status, retryAfter);

    /// <summary>Wraps a network-level failure (connection refused/reset, timeout) as transient.</summary>
    /// <param name="system">The system name.</param>
    /// <param name="exception">The failure.</param>
    /// <returns>A transient <see cref="ConnectorException"/>.</returns>
    public static ConnectorException FromNetwork(string system, Exception exception) =>
        new(system, ErrorKind.Transient, exception is TaskCanceledException or TimeoutException ? "TIMEOUT" : "NETWORK",
            $"{system}: {exception.GetType().Name}: {exception.Message}", innerException: exception);

    /// <summary>Parses a Retry-After header (delta seconds or HTTP date).</summary>
    /// <param name="header">The header value, or <see langword="null"/>.</param>
    /// <param name="now">The current time, for HTTP-date values.</param>
    /// <returns>The delay, or <see langword="null"/> when absent or unparseable.</returns>
    public static TimeSpan? ParseRetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary>Parses a Retry-After value given as text (seconds).</summary>
    /// <param name="value">The header text.</param>
    /// <returns>The delay, or <see langword="null"/>.</returns>
    public static TimeSpan? ParseRetryAfter(string? value) =>
        int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;

    /// <summary>Gets whether an HTTP status code is a success.</summary>
    /// <param name="status">The status.</param>
    /// <returns><see langword="true"/> for 2xx.</returns>
    public static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and < 300;
}
