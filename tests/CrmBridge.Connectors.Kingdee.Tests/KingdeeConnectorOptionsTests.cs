using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace CrmBridge.Connectors.Kingdee.Tests;

/// <summary>Options binding keeps the built-in form settings; validation names the key and says what to do.</summary>
public sealed class KingdeeConnectorOptionsTests
{
    [Fact]
    public void Bind_OnlyKeyFieldOfCustomerConfigured_KeepsBuiltInPkAndNumberFields()
    {
        var options = Resolve(new Dictionary<string, string?> { ["Forms:BD_Customer:KeyField"] = "FNumber", ["Forms:PAEZ_CRM_Case:PkField"] = "FID" });

        var customer = options.GetForm("BD_Customer");
        Assert.Equal("FNumber", customer.KeyField);
        Assert.Equal("FCUSTID", customer.PkField);
        Assert.Equal(KingdeeAfterSave.SubmitAndAudit, customer.AfterSave);
        Assert.Equal("FSaleOrderEntry", options.GetForm("SAL_SaleOrder").EntryKey);
        Assert.Equal("F_CRM_Id", options.GetForm("PAEZ_CRM_Case").KeyField);
        Assert.Equal("FSoorDerno", options.OrderLinks["Shipment"].OrderNumberField);
    }

    [Fact]
    public void Validate_MissingSecretAndRelativeUrl_FailsNamingBothKeys()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new Dictionary<string, string?> { ["ServerUrl"] = "k3cloud/", ["AppSecret"] = null }));

        Assert.Contains(error.Failures, f => f.Contains("Connectors:Kingdee:ServerUrl", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Connectors:Kingdee:AppSecret is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_PageSizeAboveTheServersLimit_Fails()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new Dictionary<string, string?> { ["PageSize"] = "20000" }));

        Assert.Contains(error.Failures, f => f.Contains("PageSize", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SignatureHeadersWithoutFullAppId_Fails()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new Dictionary<string, string?> { ["AuthMode"] = "SignatureHeaders", ["AppId"] = "297431" }));

        Assert.Contains(error.Failures, f => f.Contains("AppId must be the full AppID", StringComparison.Ordinal));
    }

    private static KingdeeConnectorOptions Resolve(Dictionary<string, string?> overrides)
    {
        var values = new Dictionary<string, string?>
        {
            ["Connectors:Kingdee:ServerUrl"] = "http://k3.example.test/k3cloud/",
            ["Connectors:Kingdee:AcctId"] = "1",
            ["Connectors:Kingdee:Username"] = "u",
            ["Connectors:Kingdee:AppId"] = "297431_abc",
            ["Connectors:Kingdee:AppSecret"] = "s",
        };
        foreach (var (key, value) in overrides)
        {
            values["Connectors:Kingdee:" + key] = value;
        }

        var services = new ServiceCollection().AddLogging();
        services.AddCrmBridgeKingdeeConnector(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<KingdeeConnectorOptions>>().Value;
    }
}
