using System.Reflection;
using Azure.Data.Tables;
using CrmBridge.Functions.Tests.Support;
using CrmBridge.Hosting;
using CrmBridge.Mappings;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace CrmBridge.Functions.Tests;

/// <summary>The registration the worker runs: every function constructible, options validated and tables created at start.</summary>
public sealed class FunctionsServiceCollectionExtensionsTests(FunctionsAppFixture app) : IClassFixture<FunctionsAppFixture>
{
    [Fact]
    public void AddCrmBridgeFunctions_EveryFunctionClass_IsConstructibleFromTheContainer()
    {
        var functionTypes = typeof(FunctionsOptions).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null))
            .ToList();

        Assert.NotEmpty(functionTypes);
        Assert.All(functionTypes, t => Assert.NotNull(ActivatorUtilities.CreateInstance(app.Services, t)));
    }

    [Fact]
    public async Task AddCrmBridgeFunctions_HostStart_ValidatesOptionsAndCreatesTheStateTables()
    {
        var prefix = "fnhost" + Guid.NewGuid().ToString("N")[..10];
        using var host = BuildHost(new() { [$"{ConfigurationKeys.StorageAzure}:TablePrefix"] = prefix });
        try
        {
            await host.StartAsync();

            var tables = new TableServiceClient(app.StorageConnection);
            var names = new List<string>();
            await foreach (var table in tables.QueryAsync(t => t.Name == prefix + "ledger"))
            {
                names.Add(table.Name);
            }

            Assert.Equal([prefix + "ledger"], names);
        }
        finally
        {
            await host.StopAsync();
            var tables = new TableServiceClient(app.StorageConnection);
            foreach (var concern in new[] { "checkpoints", "ledger", "crossrefs", "echoes", "deadletters", "synclog" })
            {
                await tables.DeleteTableAsync(prefix + concern);
            }
        }
    }

    [Fact]
    public async Task AddCrmBridgeFunctions_PollTargetWithoutEntity_FailsAtStart()
    {
        using var host = BuildHost(new() { [$"{ConfigurationKeys.PollingTargets}:1:System"] = "erp" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Polling:Targets", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddCrmBridgeFunctions_MissingMappingsFolder_ThrowsNamingThePath()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-mappings-" + Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ConfigurationKeys.MappingsPath] = missing }).Build();

        var error = Assert.Throws<MappingException>(() => new ServiceCollection().AddCrmBridgeFunctions(configuration));

        Assert.Contains(Path.GetFileName(missing), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddCrmBridgeFunctions_ConnectorSections_RegisterConnectorsAndTheirWebhookReceivers()
    {
        await using var services = app.BuildServices(new Dictionary<string, string?>
        {
            ["Connectors:Zoho:ClientId"] = "zoho-client",
            ["Connectors:Zoho:ClientSecret"] = "zoho-secret",
            ["Connectors:Zoho:RefreshToken"] = "zoho-refresh",
            ["Connectors:Zoho:NotificationToken"] = "zoho-channel-token-0123",
            ["Connectors:Fxiaoke:AppId"] = "fx-app",
            ["Connectors:Fxiaoke:AppSecret"] = "fx-secret",
            ["Connectors:Fxiaoke:PermanentCode"] = "fx-code",
            ["Connectors:Fxiaoke:CurrentOpenUserId"] = "fx-user",
        });

        var systems = services.GetRequiredService<CrmBridge.Pipeline.ConnectorRegistry>().Systems;
        var receivers = services.GetRequiredService<CrmBridge.Functions.Webhooks.WebhookHandler>().Systems;

        Assert.Equal(["erp", "fxiaoke", "testcrm", "zoho"], systems.Order(StringComparer.Ordinal));
        Assert.Equal(["erp", "testcrm", "zoho"], receivers.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AddCrmBridgeFunctions_KingdeeSection_RegistersK3CloudForPollingWithoutAWebhookReceiver()
    {
        await using var services = app.BuildServices(new Dictionary<string, string?>
        {
            ["Connectors:Kingdee:ServerUrl"] = "http://127.0.0.1:1/k3cloud/",
            ["Connectors:Kingdee:AcctId"] = "66a0b1c2d3e4f5",
            ["Connectors:Kingdee:Username"] = "crmbridge",
            ["Connectors:Kingdee:AppId"] = "297431_abc",
            ["Connectors:Kingdee:AppSecret"] = "k3-secret",
        });

        var systems = services.GetRequiredService<CrmBridge.Pipeline.ConnectorRegistry>().Systems;
        var receivers = services.GetRequiredService<CrmBridge.Functions.Webhooks.WebhookHandler>().Systems;

        Assert.Contains("k3cloud", systems);
        Assert.DoesNotContain("k3cloud", receivers);
    }

    [Fact]
    public void AddCrmBridgeFunctions_NoMappingsPath_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<HostingConfigurationException>(() => new ServiceCollection().AddCrmBridgeFunctions(new ConfigurationBuilder().Build()));

        Assert.Contains("Mappings:Path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MappingsPath_RelativePath_IsResolvedAgainstTheAppFolder()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ConfigurationKeys.MappingsPath] = "mappings/zoho" }).Build();

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "mappings", "zoho"), FunctionsServiceCollectionExtensions.MappingsPath(configuration));
    }

    private IHost BuildHost(Dictionary<string, string?> overrides)
    {
        var settings = app.Configuration.AsEnumerable().Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddCrmBridgeFunctions(builder.Configuration);
        return builder.Build();
    }
}
