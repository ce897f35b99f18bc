namespace CrmBridge.Testing.Http;

/// <summary>Calls back once per request, then passes it on.</summary>
/// <param name="onRequest">Called for every request.</param>
internal sealed class CountingHandler(Action onRequest) : DelegatingHandler
{
    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        onRequest();
        return base.SendAsync(request, cancellationToken);
    }
}
