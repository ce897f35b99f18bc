using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmBridge.Connectors.Fxiaoke.Tests;

public sealed class FxiaokeServiceCollectionExtensionsTests
{
    [Fact]
    public void AddCrmBridgeFxiaokeConnector_ConfiguredSection_RegistersOneConnectorAsBothPorts()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Connectors:Fxiaoke:BaseUrl"] = "https://open-hwcloud.fxiaoke.com/",
            ["Connectors:Fxiaoke:AppId"] = "FSAID_1",
            ["Connectors:Fxiaoke:AppSecret"] = "secret",
            ["Connectors:Fxiaoke:PermanentCode"] = "code",
            ["Connectors:Fxiaoke:CurrentOpenUserId"] = "FSUID_1",
            ["Connectors:Fxiaoke:ServiceTicketObject"] = "service_ticket__c",
        });

        var crm = provider.GetRequiredService<ICrmConnector>();

        Assert.Same(crm, provider.GetRequiredService<IConnector>());
        Assert.Equal("fxiaoke", crm.System);
        var options = provider.GetRequiredService<IOptions<FxiaokeOptions>>().Value;
        Assert.Equal("service_ticket__c", options.ServiceTicketObject);
        Assert.Equal(new Uri("https://open-hwcloud.fxiaoke.com/"), options.BaseUrl);
    }

    [Fact]
    public void AddCrmBridgeFxiaokeConnector_MissingSecrets_FailsValidationNamingThem()
    {
        using var provider = Build(new Dictionary<string, string?> { ["Connectors:Fxiaoke:AppId"] = "FSAID_1" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<FxiaokeOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains("AppSecret", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("PermanentCode", StringComparison.Ordinal));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddCrmBridgeFxiaokeConnector(configuration).BuildServiceProvider();
    }
}
