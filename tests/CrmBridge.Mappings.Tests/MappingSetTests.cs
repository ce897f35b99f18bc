namespace CrmBridge.Mappings.Tests;

/// <summary><see cref="MappingSet.SourceFields"/>: what a route reads from the source record (Dataverse filtering attributes).</summary>
public sealed class MappingSetTests
{
    [Fact]
    public void SourceFields_FilterRulesConcatCoalesceWhenAndCollection_ListsRecordLevelPathsOnly()
    {
        var set = Load(TestMappings.Header + """
            version: Modified_Time
            filter:
              - { field: Status, in: [Confirmed] }
            fields:
              name: { from: Subject, trim: true }
              contact: { coalesce: [Email, Phone] }
              label: { concat: ["$Prefix", "-", "$$literal"] }
              priority: { value: 1, when: { field: Rush, eq: true } }
            collections:
              lines:
                from: Ordered_Items
                filter:
                  - { field: Quantity, gt: 0 }
                fields:
                  sku: { from: Product_Name.id }
            """);

        var fields = set.SourceFields(set.Routes[0]);

        Assert.Equal(["Email", "Ordered_Items", "Phone", "Prefix", "Rush", "Status", "Subject"], fields);
    }

    [Fact]
    public void SourceFields_ShippedDataverseOrderMapping_NamesTheColumnsItReads()
    {
        var set = MappingLoader.LoadDirectory(Path.Combine(TestMappings.RepoRoot, "mappings", "dataverse")).GetSetOrThrow();

        var route = set.Find("dataverse-salesorder-to-erp-sales-order")!;

        Assert.Equal(["_customerid_value", "createdon", "order_details", "ordernumber", "statecode", "totalamount"], set.SourceFields(route));
    }

    private static MappingSet Load(string yaml)
    {
        var result = MappingLoader.LoadText(yaml, "test.yaml");
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Diagnostics));
        return result.Set!;
    }
}
