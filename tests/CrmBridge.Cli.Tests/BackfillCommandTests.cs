using System.Text.Json.Nodes;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Sandbox.Erp;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CrmBridge.Cli.Tests;

public sealed class BackfillCommandTests : IAsyncLifetime
{
    private ErpSandbox _erp = null!;
    private CliHarness _cli = null!;

    public async Task InitializeAsync()
    {
        _erp = await ErpSandbox.StartAsync(new ErpSandboxOptions { ApiKey = "backfill-" + Guid.NewGuid().ToString("N") });
        _cli = new CliHarness(new JsonObject
        {
            ["Mappings"] = new JsonObject { ["Path"] = Path.Combine(AppContext.BaseDirectory, "mappings", "dataverse") },
            // A throwaway sandbox key in a temp config file; real keys come from CRMBRIDGE_* variables or a secret store.
            // (Not an environment variable here: tests in this assembly run in parallel and would all see it.)
            ["Connectors"] = new JsonObject { ["Erp"] = new JsonObject { ["BaseUrl"] = _erp.BaseAddress.ToString(), ["ApiKey"] = _erp.ApiKey } },
        });
    }

    public async Task DisposeAsync()
    {
        _cli.Dispose();
        await _erp.DisposeAsync();
    }

    [Fact]
    public async Task Backfill_ErpOrders_EnqueuesEveryRecordAndReportsProgress()
    {
        await _erp.UpsertRecordAsync("customers", "acc-1", new JsonObject { ["name"] = "Backfill Co" });
        var customer = _erp.FindByExternalId("customers", "acc-1")!["id"]!.GetValue<string>();
        for (var i = 0; i < 25; i++)
        {
            await _erp.UpsertRecordAsync("salesOrders", $"so-{i}", new JsonObject { ["orderNumber"] = $"SO-{i}", ["customerId"] = customer });
        }

        var (code, output, error) = await CliHarness.RunAsync("backfill", "--system", "erp", "--entity", "salesOrders", "--config", _cli.ConfigPath);

        Assert.True(code == 0, error);
        Assert.Contains("Backfill of erp/salesOrders: 25 records enqueued.", output, StringComparison.Ordinal);
        await using var store = _cli.OpenStore();
        Assert.Equal(25, await store.GetRequiredService<IWorkQueue>().CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Backfill_Json_PrintsOnlyTheResult()
    {
        await _erp.UpsertRecordAsync("customers", "acc-json", new JsonObject { ["name"] = "客户 JSON" });

        var (code, output, error) = await CliHarness.RunAsync("backfill", "--system", "erp", "--entity", "customers", "--json", "--config", _cli.ConfigPath);

        Assert.True(code == 0, error);
        var result = JsonNode.Parse(output)!;
        Assert.Equal("erp", result["system"]!.GetValue<string>());
        Assert.Equal(1, result["enqueued"]!.GetValue<int>());
    }

    [Fact]
    public async Task Backfill_UnknownSystem_IsAUsageErrorListingTheConfiguredOnes()
    {
        var (code, _, error) = await CliHarness.RunAsync("backfill", "--system", "sap", "--entity", "orders", "--config", _cli.ConfigPath);

        Assert.Equal(2, code);
        Assert.Contains("--system 'sap' has no configured connector", error, StringComparison.Ordinal);
        Assert.Contains("erp", error, StringComparison.Ordinal);
    }
}
