using CrmBridge.Cli.Demo.Calls;
using CrmBridge.Connectors;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CrmBridge.Cli.Tests.Demo;

public sealed class DemoCallInstrumentationTests
{
    private readonly DemoCallLedger _ledger = new(new Dictionary<string, string> { ["crm"] = "salesorderdetails" });

    [Fact]
    public async Task GetChangesAsync_EmptyPage_CountsItsCallsAsIdlePolls()
    {
        var connector = Build(changes: 0);

        await connector.GetChangesAsync("accounts", null, CancellationToken.None);

        var counts = _ledger.Snapshot();
        Assert.Equal(2, counts["crm", DemoCallKind.IdlePoll]);
        Assert.Equal(0, counts["crm", DemoCallKind.ChangeRead]);
    }

    [Fact]
    public async Task GetChangesAsync_PageWithRecords_CountsPagesAndLineReadsApart()
    {
        var connector = Build(changes: 3);

        await connector.GetChangesAsync("salesorders", null, CancellationToken.None);

        var counts = _ledger.Snapshot();
        Assert.Equal(1, counts["crm", DemoCallKind.ChangeRead]);
        Assert.Equal(1, counts["crm", DemoCallKind.LineRead]);
        Assert.Equal(0, counts["crm", DemoCallKind.IdlePoll]);
    }

    [Fact]
    public async Task UpsertBatchAsync_CountsOneWriteAndTheRecordsWritten()
    {
        var connector = Build(changes: 0);

        await connector.UpsertBatchAsync([Request(), Request(), Request()], CancellationToken.None);

        var counts = _ledger.Snapshot();
        Assert.Equal(1, counts["crm", DemoCallKind.Write]);
        Assert.Equal(3, counts["crm", DemoCallKind.RecordWritten]);
    }

    [Fact]
    public async Task GetChangesAsync_PageOfOnlyVersionsTheBridgeWrote_CountsPageAndLinesAsEchoReads()
    {
        var connector = Build(changes: 3);
        await connector.UpsertBatchAsync([Request("r0"), Request("r1"), Request("r2")], CancellationToken.None);

        await connector.GetChangesAsync("salesorders", null, CancellationToken.None);

        var counts = _ledger.Snapshot();
        Assert.Equal(2, counts["crm", DemoCallKind.EchoRead]);
        Assert.Equal(0, counts["crm", DemoCallKind.ChangeRead]);
        Assert.Equal(0, counts["crm", DemoCallKind.LineRead]);
    }

    [Fact]
    public async Task GetChangesAsync_PageWithAVersionTheBridgeDidNotWrite_CountsAsChangeRead()
    {
        var connector = Build(changes: 3);
        await connector.UpsertBatchAsync([Request("r0"), Request("r1")], CancellationToken.None);

        await connector.GetChangesAsync("salesorders", null, CancellationToken.None);

        var counts = _ledger.Snapshot();
        Assert.Equal(0, counts["crm", DemoCallKind.EchoRead]);
        Assert.Equal(1, counts["crm", DemoCallKind.ChangeRead]);
        Assert.Equal(1, counts["crm", DemoCallKind.LineRead]);
    }

    [Theory]
    [InlineData("GET http://127.0.0.1:9/api/data/v9.2/salesorderdetails?$filter=x HTTP/1.1", nameof(DemoCallKind.LineRead))]
    [InlineData("GET http://127.0.0.1:9/api/data/v9.2/accounts?$filter=x HTTP/1.1", nameof(DemoCallKind.Lookup))]
    [InlineData("PATCH http://127.0.0.1:9/api/data/v9.2/salesorderdetails(1) HTTP/1.1", nameof(DemoCallKind.Lookup))]
    public async Task GetManyAsync_BatchOfGets_CountedAsWhatItsFirstGetReads(string requestLine, string expected)
    {
        var connector = Build(changes: 0, batchPart: requestLine);

        await connector.GetManyAsync("salesorders", ["r0"], CancellationToken.None);

        Assert.Equal(1, _ledger.Snapshot()["crm", Enum.Parse<DemoCallKind>(expected)]);
    }

    [Fact]
    public void Wrap_ConnectorWithExactVersions_KeepsTheMarker()
    {
        using var http = new HttpClient();
        Assert.IsAssignableFrom<IExactVersions>(CallClassifyingConnector.Wrap(new ExactConnector(http), _ledger));
        Assert.False(CallClassifyingConnector.Wrap(new FakeConnector(http, 0), _ledger) is IExactVersions);
    }

    private static UpsertRequest Request(string id = "id") => new(id == "id" ? "accounts" : "salesorders", "k", id, new System.Text.Json.Nodes.JsonObject());

    private IConnector Build(int changes, string? batchPart = null)
    {
        var services = new ServiceCollection();
        services.AddHttpClient("crm").ConfigurePrimaryHttpMessageHandler(() => new OkHandler());
        services.AddSingleton<IConnector>(sp => batchPart is null
            ? new FakeConnector(sp.GetRequiredService<IHttpClientFactory>().CreateClient("crm"), changes)
            : new BatchReadingConnector(sp.GetRequiredService<IHttpClientFactory>().CreateClient("crm"), batchPart));
        DemoCallInstrumentation.Add(services, _ledger, new Dictionary<string, string>());
        return services.BuildServiceProvider().GetRequiredService<IConnector>();
    }

    private sealed class ExactConnector(HttpClient http) : FakeConnector(http, 0), IExactVersions;

    /// <summary>Reads by id with one <c>$batch</c> holding the given request line, as the Dataverse connector's bulk reads do.</summary>
    private sealed class BatchReadingConnector(HttpClient client, string requestLine) : FakeConnector(client, 0), IConnector
    {
        private readonly HttpClient _http = client;

        public async Task<IReadOnlyDictionary<string, SourceRecord>> GetManyAsync(string entity, IReadOnlyList<string> ids, CancellationToken cancellationToken)
        {
            var body = $"--batch_t\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n{requestLine}\r\n\r\n--batch_t--\r\n";
            (await _http.PostAsync(new Uri("http://127.0.0.1:9/api/data/v9.2/$batch"), new StringContent(body), cancellationToken)).Dispose();
            return new Dictionary<string, SourceRecord>();
        }
    }

    private sealed class OkHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
    }
}
