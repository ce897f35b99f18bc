using System.Collections.Concurrent;

namespace CrmBridge.Connectors.Dataverse.Tests;

/// <summary>Counts the Web API calls a connector's HttpClient sends (token requests excluded), with each call's URL and body.</summary>
internal sealed class ApiCallCounter
{
    private readonly ConcurrentQueue<(string Method, string Url, string Body)> _calls = new();

    public IReadOnlyList<(string Method, string Url, string Body)> Calls => [.. _calls];

    public int Count => _calls.Count;

    public void Clear() => _calls.Clear();

    /// <summary>The handler added to the connector's named client.</summary>
    public sealed class Handler(ApiCallCounter counter) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var url = request.RequestUri!.AbsoluteUri;
            if (url.Contains("/api/data/", StringComparison.Ordinal))
            {
                var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
                counter._calls.Enqueue((request.Method.Method, url, body));
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
