using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrmBridge.Connectors.Zoho.Tests;

/// <summary>
/// Field sets: Zoho reads at most 50 fields per call, so a module's fields (plus Modified_Time) are read in ⌈n / 50⌉
/// sets, whatever their kind (lookups and subforms count as one field each); the shipped modules need one set.
/// </summary>
public sealed class ZohoConnectorFieldSetsTests
{
    [Theory]
    [InlineData("Accounts")]
    [InlineData("Contacts")]
    [InlineData("Sales_Orders")]
    [InlineData("Cases")]
    public void Resolve_ShippedModule_ReadsEveryFieldInOneSet(string module)
    {
        var resolved = ZohoModule.Resolve(new ZohoConnectorOptions(), module, "zoho");

        Assert.Single(resolved.FieldChunks);
    }

    [Theory]
    [InlineData(49, 1, 1)] // 49 + Modified_Time = 50 fields: one set, one call per scan page of 200
    [InlineData(50, 2, 3)] // 51 fields: two sets; the second is read by ids, 100 per call
    [InlineData(99, 2, 3)]
    [InlineData(100, 3, 5)]
    public async Task GetChangesAsync_ScanPageOf200_OneCallForTheFirstSetAndOnePer100IdsForEachFurtherSet(int fields, int sets, int calls)
    {
        var names = Enumerable.Range(1, fields).Select(i => $"Custom_{i}").ToList();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero));
        await using var env = await ZohoTestEnvironment.StartAsync(
            sandbox: o =>
            {
                o.TimeProvider = clock;
                o.CustomModules.Add("Warehouses");
            },
            connector: o =>
            {
                var module = new ZohoModuleOptions();
                foreach (var name in names)
                {
                    module.Fields.Add(name);
                }

                o.Modules["Warehouses"] = module;
            });
        for (var i = 0; i < 200; i++)
        {
            env.Sandbox.CreateRecord("Warehouses", new JsonObject { [names[0]] = $"first {i}", [names[^1]] = $"last {i}" });
        }

        clock.Advance(TimeSpan.FromMinutes(1));
        await env.Tokens.GetAsync(CancellationToken.None);
        var before = env.Sandbox.RequestCount;

        var page = await env.Connector.GetChangesAsync("Warehouses", null, CancellationToken.None);

        Assert.Equal(sets, ZohoModule.Resolve(env.Options, "Warehouses", "zoho").FieldChunks.Count);
        Assert.Equal(calls, env.Sandbox.RequestCount - before);
        Assert.Equal(200, page.Changes.Count);
        Assert.All(page.Changes, c => Assert.StartsWith("last ", c.Snapshot![names[^1]]!.GetValue<string>(), StringComparison.Ordinal));
    }
}
