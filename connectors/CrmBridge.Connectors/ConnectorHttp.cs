namespace CrmBridge.Connectors;

/// <summary>
/// How every connector gets its HTTP client: a named client from <c>IHttpClientFactory</c>, registered with
/// <see cref="HandlerLifetime"/> and created per call (RestSharp: <c>new RestClient(factory.CreateClient(name), options)</c>,
/// which leaves the factory's client undisposed). No connector news up an <see cref="HttpClient"/> or keeps one for its
/// lifetime, so a handler is recycled on schedule and DNS changes are seen.
/// </summary>
public static class ConnectorHttp
{
    /// <summary>How long the factory keeps a pooled handler before replacing it: DNS changes are seen within this time.</summary>
    public static readonly TimeSpan HandlerLifetime = TimeSpan.FromMinutes(2);
}
