using System.Net;
using System.Text;

namespace CrmBridge.Connectors.Kingdee.Tests;

/// <summary>Answers each request with the next queued fixture file (documentation-shaped bodies) and records what was sent.</summary>
internal sealed class FixtureHandler : HttpMessageHandler
{
    private readonly Queue<string> _answers = new();

    public List<(string Path, string Body, string? SessionHeader)> Requests { get; } = [];

    public FixtureHandler Then(string fixture)
    {
        _answers.Enqueue(fixture);
        return this;
    }

    public static string Read(string fixture) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request.RequestUri!.AbsolutePath, body, request.Headers.TryGetValues("kdservice-sessionid", out var values) ? values.First() : null));
        var fixture = _answers.Count > 0 ? _answers.Dequeue() : throw new InvalidOperationException($"No fixture left for {request.RequestUri}.");
        var text = fixture.EndsWith(".json", StringComparison.Ordinal) ? Read(fixture) : fixture;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
    }
}
