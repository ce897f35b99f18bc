using CrmBridge.Cli.Demo;
using CrmBridge.Connectors;
using CrmBridge.Hosting;
using CrmBridge.Testing.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace CrmBridge.Cli.Tests;

/// <summary>The composition module's connector table, over the demo sandboxes on loopback.</summary>
public sealed class ConnectorTableTests
{
    [Theory]
    [InlineData("dataverse", DemoErps.Default)]
    [InlineData("zoho", DemoErps.Default)]
    [InlineData("fxiaoke", DemoErps.Default)]
    [InlineData("dataverse", "businesscentral")]
    public async Task AddCrmBridgeConnectors_EveryConnector_SendsEveryRequestThroughTheHttpClientFactory(string crmName, string erpName)
    {
        var context = new DemoContext(1, Path.GetTempPath(), NullLoggerFactory.Instance, TimeProvider.System);
        await using var erp = await DemoErps.All[erpName](context, CancellationToken.None);
        await using var crm = await Scenario(crmName).StartAsync(context, CancellationToken.None);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(erp.Settings.Concat(crm.Settings)).Build();
        var services = new ServiceCollection().AddLogging();
        var probe = HttpFactoryProbe.AddTo(services);

        var registered = services.AddCrmBridgeConnectors(configuration);
        await using var provider = services.BuildServiceProvider();
        var connectors = provider.GetServices<IConnector>().ToDictionary(c => c.System);
        var served = crm.ApiCalls + erp.ApiCalls;
        for (var i = 0; i < 2; i++)
        {
            await connectors[crm.System].GetChangesAsync(crm.Polls[0].Entity, null, CancellationToken.None);
            await connectors[erp.System].GetChangesAsync("salesOrders", null, CancellationToken.None);
        }

        Assert.Equal(ConnectorTable.All.Where(r => r.Systems.Contains(crm.System) || r.Systems.Contains(erp.System)).Select(r => r.Section), registered.Select(r => r.Section));
        Assert.True(probe.Requests >= 4, $"only {probe.Requests} requests went through the factory");
        Assert.Equal(crm.ApiCalls + erp.ApiCalls - served, probe.Requests);
    }

    [Fact]
    public async Task AddCrmBridgeConnectors_K3Cloud_SignsInAndQueriesThroughTheHttpClientFactory()
    {
        var context = new DemoContext(1, Path.GetTempPath(), NullLoggerFactory.Instance, TimeProvider.System);
        await using var erp = await DemoErps.All["k3cloud"](context, CancellationToken.None);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(erp.Settings).Build();
        var services = new ServiceCollection().AddLogging();
        var probe = HttpFactoryProbe.AddTo(services);

        var registered = services.AddCrmBridgeConnectors(configuration);
        await using var provider = services.BuildServiceProvider();
        var connector = provider.GetServices<IErpConnector>().Single();
        var served = erp.ApiCalls;
        await connector.GetChangesAsync("SAL_SaleOrder", null, CancellationToken.None);
        await connector.GetChangesAsync("BD_Customer", null, CancellationToken.None);

        Assert.Equal(["Connectors:Kingdee"], registered.Select(r => r.Section));
        Assert.Equal("k3cloud", connector.System);
        Assert.True(probe.Requests >= 3, $"only {probe.Requests} requests went through the factory");
        Assert.Equal(erp.ApiCalls - served, probe.Requests);
    }

    [Fact]
    public void Configured_OnlySectionsPresent_AreRegisteredInTableOrder()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connectors:Zoho:ClientId"] = "x",
            ["Connectors:Erp:BaseUrl"] = "http://127.0.0.1:1/",
        }).Build();

        var configured = ConnectorTable.Configured(configuration);

        Assert.Equal(["Connectors:Erp", "Connectors:Zoho"], configured.Select(r => r.Section));
        Assert.Equal(["erp", "zoho"], configured.SelectMany(r => r.Systems));
    }

    private static IDemoScenario Scenario(string crm) => crm switch
    {
        "dataverse" => new DataverseDemoScenario(),
        "zoho" => new ZohoDemoScenario(),
        _ => new FxiaokeDemoScenario(),
    };
}
