using Xunit;

namespace CrmBridge.Connectors.Staging.Tests;

/// <summary>Start-up validation: messages name the key and say what to do.</summary>
public sealed class StagingConnectorOptionsValidatorTests
{
    [Fact]
    public void Validate_NoConnectionString_NamesKeyAndWhereSecretsLive()
    {
        var result = new StagingConnectorOptionsValidator().Validate(null, new StagingConnectorOptions());

        Assert.True(result.Failed);
        Assert.Contains("Connectors:Staging:ConnectionString is required (set it from configuration or Key Vault", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SqlServerDialect_FailsSayingItIsDocumentedButUntested()
    {
        var result = new StagingConnectorOptionsValidator().Validate(null, new StagingConnectorOptions { ConnectionString = "Host=x", Dialect = "SqlServer" });

        Assert.True(result.Failed);
        Assert.Contains("docs/staging.md, untested", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void OutboxTypesFor_Defaults_SalesOrderReadsStatusShipmentInvoice()
    {
        var options = new StagingConnectorOptions();
        options.OutboxTypes["customer"] = ["customer", "credit"];

        Assert.Equal(["order_status", "shipment", "invoice"], options.OutboxTypesFor("sales_order"));
        Assert.Equal(["case_resolution"], options.OutboxTypesFor("case"));
        Assert.Equal(["customer", "credit"], options.OutboxTypesFor("customer"));
    }
}
