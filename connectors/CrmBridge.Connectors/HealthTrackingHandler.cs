using System.Globalization;

namespace CrmBridge.Connectors;

/// <summary>
/// A message handler that feeds a <see cref="ConnectorHealthTracker"/> from every HTTP answer of a connector's client:
/// status codes, the quota headers a system documents (Dataverse <c>x-ms-ratelimit-burst-remaining-xrm-requests</c> and
/// <c>x-ms-ratelimit-time-remaining-xrm-requests</c>, learn.microsoft.com power-apps/developer/data-platform/api-limits),
/// and calls that got no answer. Token requests (paths with <c>oauth</c> or <c>token</c>) count only as failures: a
/// token endpoint that answers tells nothing about the API, and token providers report their outcome themselves.
/// </summary>
/// <param name="tracker">The connector's tracker.</param>
public sealed class HealthTrackingHandler(ConnectorHealthTracker tracker) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (!IsTokenRequest(request.RequestUri) || status is 408 or 429 or >= 500)
            {
                tracker.Record(status);
            }

            if (Quota(response) is { } quota)
            {
                tracker.RecordQuota(quota);
            }

            return response;
        }
        catch (HttpRequestException)
        {
            tracker.RecordNoAnswer("NETWORK");
            throw;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            tracker.RecordNoAnswer("TIMEOUT");
            throw;
        }
    }

    private static bool IsTokenRequest(Uri? uri) =>
        uri is not null && (uri.AbsolutePath.Contains("oauth", StringComparison.OrdinalIgnoreCase)
            || uri.AbsolutePath.Contains("token", StringComparison.OrdinalIgnoreCase));

    private static string? Quota(HttpResponseMessage response)
    {
        var burst = Header(response, "x-ms-ratelimit-burst-remaining-xrm-requests");
        var time = Header(response, "x-ms-ratelimit-time-remaining-xrm-requests");
        if (burst is null && time is null)
        {
            return null;
        }

        var parts = new List<string>();
        if (burst is not null)
        {
            parts.Add($"{burst} requests");
        }

        if (time is not null)
        {
            parts.Add($"{time} ms execution time");
        }

        return string.Join(", ", parts) + " left in the 5-minute window";
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) && values.FirstOrDefault() is { } value
            && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number.ToString("0", CultureInfo.InvariantCulture)
            : null;
}
