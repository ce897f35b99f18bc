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
    public void Wrap_ConnectorWithExactVersions_KeepsTheMarker()
    {
        using var http = new HttpClient();
        Assert.IsAssignableFrom<IExactVersions>(CallClassifyingConnector.Wrap(new ExactConnector(http), _ledger));
        Assert.False(CallClassifyingConnector.Wrap(new FakeConnector(http, 0), _ledger) is IExactVersions);
    }

    private static UpsertRequest Request() => new("accounts", "k", "id", new System.Text.Json.Nodes.JsonObject());

    private IConnector Build(int changes)
    {
        var services = new ServiceCollection();
        services.AddHttpClient("crm").ConfigurePrimaryHttpMessageHandler(() => new OkHandler());
        services.AddSingleton<IConnector>(sp => new FakeConnector(sp.GetRequiredService<IHttpClientFactory>().CreateClient("crm"), changes));
        DemoCallInstrumentation.Add(services, _ledger, new Dictionary<string, string>());
        return services.BuildServiceProvider().GetRequiredService<IConnector>();
    }

    private sealed class ExactConnector(HttpClient http) : FakeConnector(http, 0), IExactVersions;

    private sealed class OkHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
    }
}
