using System.Text.Json.Nodes;
using CrmBridge.Pipeline.Stage;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Stage;

public sealed class ContentHasherTests
{
    [Fact]
    public void Hash_SameContentDifferentPropertyOrder_IsEqual()
    {
        var a = JsonNode.Parse("""{"b":1,"a":{"y":[1,2],"x":"s"}}""");
        var b = JsonNode.Parse("""{"a":{"x":"s","y":[1,2]},"b":1}""");

        Assert.Equal(ContentHasher.Hash(a), ContentHasher.Hash(b));
    }

    [Fact]
    public void Hash_DifferentValueOrArrayOrder_Differs()
    {
        var a = ContentHasher.Hash(JsonNode.Parse("""{"a":[1,2]}"""));

        Assert.NotEqual(a, ContentHasher.Hash(JsonNode.Parse("""{"a":[2,1]}""")));
        Assert.NotEqual(a, ContentHasher.Hash(JsonNode.Parse("""{"a":[1,3]}""")));
    }
}
