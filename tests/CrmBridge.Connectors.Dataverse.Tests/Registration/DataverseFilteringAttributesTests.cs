using Xunit;

namespace CrmBridge.Connectors.Dataverse.Tests.Registration;

/// <summary>Mapping source paths → Update-step filtering attributes.</summary>
public sealed class DataverseFilteringAttributesTests
{
    private static readonly DataverseEntityOptions Orders = new DataverseOptions().Entities["salesorders"];

    [Fact]
    public void From_LookupsAnnotationsAndNestedPaths_BecomeLogicalColumnNames()
    {
        var result = DataverseFilteringAttributes.From(
            ["_customerid_value", "statuscode@OData.Community.Display.V1.FormattedValue", "ordernumber", "Name.first", "TotalAmount"], Orders, []);

        Assert.Equal(["customerid", "name", "ordernumber", "statuscode", "totalamount"], result);
    }

    [Fact]
    public void From_KeySystemColumnsLinesAndStatusColumns_AreNeverFilteringAttributes()
    {
        var result = DataverseFilteringAttributes.From(
            ["salesorderid", "modifiedon", "versionnumber", "createdon", "order_details", "crmb_syncstatus", "crmb_erpnumber", "name"], Orders, DataverseStatusColumns.Names("crmb"));

        Assert.Equal(["name"], result);
    }
}
