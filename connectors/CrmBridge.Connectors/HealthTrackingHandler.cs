namespace CrmBridge.Connectors;

/// <summary>A message handler that feeds a <see cref="ConnectorHealthTracker"/> from every HTTP answer of a connector's client.</summary>
/// <param name="tracker">The connector's tracker.</param>
public sealed class HealthTrackingHandler(ConnectorHealthTracker tracker) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            tracker.Record((int)response.StatusCode);
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
}
