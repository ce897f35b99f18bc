using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace CrmBridge.Connectors.Erp.Tests;

/// <summary>Options validation: a misconfigured connector fails at start with a message naming the setting.</summary>
public sealed class ErpConnectorOptionsValidatorTests
{
    [Fact]
    public void Resolve_NoApiKey_ThrowsNamingTheSetting()
    {
        using var services = ErpTestServices.Build(new Uri("http://127.0.0.1:9/"), apiKey: string.Empty);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IErpConnector>());

        Assert.Contains("Connectors:Erp:ApiKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_RelativeBaseUrl_ThrowsNamingTheSetting()
    {
        using var services = ErpTestServices.Build(new Uri("http://127.0.0.1:9/"), "k", new Dictionary<string, string?> { ["BaseUrl"] = "api/erp" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ErpConnectorOptions>>().Value);

        Assert.Contains("Connectors:Erp:BaseUrl", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://erp.example.com/api/", false)]
    [InlineData("https://erp.example.com/api/", true)]
    [InlineData("http://localhost:5000/api/", true)]
    [InlineData("http://[::1]:5000/api/", true)]
    public void Resolve_BaseUrlCarryingTheApiKey_RequiresHttpsExceptLoopback(string baseUrl, bool valid)
    {
        using var services = ErpTestServices.Build(new Uri("http://127.0.0.1:9/"), "k", new Dictionary<string, string?> { ["BaseUrl"] = baseUrl });

        var error = Record.Exception(() => services.GetRequiredService<IOptions<ErpConnectorOptions>>().Value);

        Assert.Equal(valid, error is null);
        if (!valid)
        {
            Assert.Contains("Connectors:Erp:BaseUrl must be an https URL", Assert.IsType<OptionsValidationException>(error).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Resolve_BatchSizeZero_ThrowsFromDataAnnotations()
    {
        using var services = ErpTestServices.Build(new Uri("http://127.0.0.1:9/"), "k", new Dictionary<string, string?> { ["BatchSize"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ErpConnectorOptions>>().Value);

        Assert.Contains("BatchSize", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:00.010")]
    [InlineData("01:00:00")]
    public void Resolve_TimeoutOutOfRange_ThrowsNamingTimeout(string timeout)
    {
        using var services = ErpTestServices.Build(new Uri("http://127.0.0.1:9/"), "k", new Dictionary<string, string?> { ["Timeout"] = timeout });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ErpConnectorOptions>>().Value);

        Assert.Contains("Timeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_Defaults_MatchTheReferenceErp()
    {
        using var services = ErpTestServices.Build(new Uri("http://127.0.0.1:9/"), "k");

        var options = services.GetRequiredService<IOptions<ErpConnectorOptions>>().Value;
        var entity = options.GetEntity("salesOrders");

        Assert.Equal(("erp", "X-Api-Key", TimeSpan.FromSeconds(30), "api/changes", 200, 500), (options.System, options.ApiKeyHeader, options.Timeout, options.ChangesPath, options.BatchSize, options.ChangesPageSize));
        Assert.Equal(("externalId", "id", "version"), (entity.KeyField, entity.IdField, entity.VersionField));
    }

    [Fact]
    public async Task AddCrmBridgeErpConnector_CustomHeaderAndPaths_TalksToTheConfiguredEndpoints()
    {
        // A "real ERP" shaped differently: another auth header and other paths. The sandbox rejects the other header,
        // which proves the connector sends the configured one.
        await using var erp = await CrmBridge.Sandbox.Erp.ErpSandbox.StartAsync(new CrmBridge.Sandbox.Erp.ErpSandboxOptions { ApiKey = "k" });
        using var services = ErpTestServices.Build(erp.BaseAddress, "k", new Dictionary<string, string?>
        {
            ["ApiKeyHeader"] = "Authorization-Key",
            ["Entities:clients:Path"] = "api/customers",
            ["Entities:clients:FeedEntity"] = "customers",
        });
        var connector = services.GetRequiredService<IErpConnector>();

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.GetAsync("clients", "C-000001", CancellationToken.None));

        Assert.Equal(401, error.HttpStatus);
        Assert.Contains("'Authorization-Key'", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, erp.RequestCount);
    }

    [Fact]
    public async Task AddCrmBridgeErpConnector_EntityAlias_UsesConfiguredPathAndFeedName()
    {
        await using var erp = await CrmBridge.Sandbox.Erp.ErpSandbox.StartAsync(new CrmBridge.Sandbox.Erp.ErpSandboxOptions { ApiKey = "k" });
        using var services = ErpTestServices.Build(erp.BaseAddress, "k", new Dictionary<string, string?>
        {
            ["Entities:clients:Path"] = "/api/customers/",
            ["Entities:clients:FeedEntity"] = "customers",
        });
        var connector = services.GetRequiredService<IErpConnector>();

        var created = await connector.UpsertAsync(new UpsertRequest("clients", "externalId", "ALIAS-1", new System.Text.Json.Nodes.JsonObject { ["name"] = "Alias" }), CancellationToken.None);
        var changes = await connector.GetChangesAsync("clients", null, CancellationToken.None);

        Assert.Equal("C-000001", created.Id);
        Assert.Equal(created.Id, Assert.Single(changes.Changes).Id);
    }
}
