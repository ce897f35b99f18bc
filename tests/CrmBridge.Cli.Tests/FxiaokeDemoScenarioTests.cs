using CrmBridge.Cli.Demo;
using CrmBridge.Connectors;
using CrmBridge.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace CrmBridge.Cli.Tests;

public sealed class FxiaokeDemoScenarioTests
{
    [Fact]
    public async Task StartAsync_SeedSmallTenant_ConnectorFromItsSettingsSeesSeededRecordsWithLines()
    {
        var scenario = new FxiaokeDemoScenario();
        var context = new DemoContext(40, Path.Combine(Path.GetTempPath(), "mappings"), NullLoggerFactory.Instance, TimeProvider.System);
        await using var crm = await scenario.StartAsync(context, CancellationToken.None);

        var services = new ServiceCollection().AddLogging();
        services.AddCrmBridgeConnectors(new ConfigurationBuilder().AddInMemoryCollection(crm.Settings).Build());
        await using var provider = services.BuildServiceProvider();
        var connector = provider.GetRequiredService<ICrmConnector>();

        var seeded = await crm.SeedAsync(40, new Progress<(int Done, int Total)>(), CancellationToken.None);
        var orders = new List<RecordChange>();
        string? checkpoint = null;
        var deadline = DateTime.UtcNow.AddSeconds(15); // the demo connector polls 1 s behind now: poll until all are visible
        while (orders.Count < 10 && DateTime.UtcNow < deadline)
        {
            var (changes, next) = await DrainAsync(connector, "SalesOrderObj", checkpoint);
            orders.AddRange(changes);
            checkpoint = next;
            await Task.Delay(100);
        }

        Assert.Equal("fxiaoke", scenario.Crm);
        Assert.Equal(40, seeded["AccountObj"]);
        Assert.Equal(10, seeded["SalesOrderObj"]);
        Assert.Equal(4, seeded["CasesObj"]);
        Assert.Equal(10, orders.Count);
        Assert.All(orders, o => Assert.NotEmpty(o.Snapshot!["SalesOrderProductObj"]!.AsArray()));
        Assert.Equal(["AccountObj", "SalesOrderObj", "CasesObj"], crm.Polls.Select(p => p.Entity));
        Assert.Equal(Path.Combine(context.MappingsRoot, "fxiaoke"), crm.MappingsDirectory);
        var flowed = await crm.CountFlowedBackAsync(CancellationToken.None);
        Assert.Equal(0, flowed["SalesOrderObj"]);
        Assert.True(crm.ApiCalls > 0);
    }

    private static async Task<(List<RecordChange> Changes, string? Checkpoint)> DrainAsync(IConnector connector, string entity, string? checkpoint)
    {
        var all = new List<RecordChange>();
        for (var i = 0; i < 100; i++)
        {
            var page = await connector.GetChangesAsync(entity, checkpoint, CancellationToken.None);
            all.AddRange(page.Changes);
            checkpoint = page.NextCheckpoint;
            if (!page.HasMore)
            {
                return (all, checkpoint);
            }
        }

        throw new InvalidOperationException("no end of changes");
    }
}
