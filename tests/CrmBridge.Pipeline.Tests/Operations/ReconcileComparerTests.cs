using System.Text.Json.Nodes;
using CrmBridge.Pipeline.Operations;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Operations;

public sealed class ReconcileComparerTests
{
    [Fact]
    public void Differences_TargetHasExtraFieldsAndStringNumbers_Equal()
    {
        var mapped = JsonNode.Parse("""{"name":"Acme","creditLimit":50000.00,"address":{"city":"Shanghai"},"note":null}""")!.AsObject();
        var target = JsonNode.Parse("""{"id":"CUS-1","name":"Acme","creditLimit":"50000","address":{"city":"Shanghai","street":"x"},"updatedAt":"2026"}""")!.AsObject();

        Assert.Empty(ReconcileComparer.Differences(mapped, target));
    }

    [Fact]
    public void Differences_NestedAndArrayFieldsDiffer_NamesEachPath()
    {
        var mapped = JsonNode.Parse("""{"address":{"city":"Shanghai"},"lines":[{"qty":1},{"qty":2}],"tags":[1]}""")!.AsObject();
        var target = JsonNode.Parse("""{"address":{"city":"Beijing"},"lines":[{"qty":1,"id":"L1"},{"qty":3}],"tags":[1,2]}""")!.AsObject();

        Assert.Equal(["address.city", "lines[1].qty", "tags"], ReconcileComparer.Differences(mapped, target));
    }

    [Fact]
    public void Differences_IgnoredField_NotCompared()
    {
        var mapped = JsonNode.Parse("""{"externalId":"A1","name":"Acme"}""")!.AsObject();
        var target = JsonNode.Parse("""{"name":"Acme"}""")!.AsObject();

        Assert.Empty(ReconcileComparer.Differences(mapped, target, f => f == "externalId"));
        Assert.Equal(["externalId"], ReconcileComparer.Differences(mapped, target));
    }
}
