using CrmBridge.Mappings.Abstractions;

namespace CrmBridge.Mappings.Tests;

public sealed partial class MappingLoaderTests
{
    [Fact]
    public void LoadDirectory_Examples_LoadsEveryRouteWithSharedLookups()
    {
        var result = MappingLoader.LoadDirectory(TestMappings.ExamplesDirectory);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Diagnostics));
        var zoho = result.Set!.Find("example-zoho-sales-order-to-erp");
        Assert.NotNull(zoho);
        Assert.Equal(["customer", "product"], zoho.Lookups.Select(l => l.Name));
        Assert.Equal(new LookupDefinition("customer", "zoho", "Accounts", "erp", "customers"), zoho.Lookups[0]);
        Assert.Equal("Modified_Time", zoho.VersionField);
        Assert.Equal("externalId", zoho.TargetKeyField);
        Assert.NotNull(result.Set.Find("example-fxiaoke-account-to-erp"));
    }

    [Fact]
    public void LoadDirectory_EveryShippedMapping_IsValid()
    {
        var result = MappingLoader.LoadDirectory(Path.Combine(TestMappings.RepoRoot, "mappings"));

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Diagnostics));
        Assert.Contains(result.Set!.Routes, r => r.Name == "example-zoho-sales-order-to-erp");
    }
}
