using System.Text.Json.Nodes;
using CrmBridge.Connectors.Json;
using Xunit;

namespace CrmBridge.Pipeline.Tests.ConnectorBodies;

public sealed class JsonNodeContentTests
{
    [Fact]
    public async Task Content_Batch_IsTheNodesJsonWithLengthAndType()
    {
        var node = new JsonObject { ["items"] = new JsonArray(new JsonObject { ["name"] = "Müller & Söhne \"GmbH\"", ["amount"] = 12.5m }, new JsonObject { ["name"] = "纷享销客" }) };
        using var content = new JsonNodeContent(node);

        var text = await content.ReadAsStringAsync();

        Assert.Equal(node.ToJsonString(), text);
        Assert.Equal("application/json", content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", content.Headers.ContentType.CharSet);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(text), content.Headers.ContentLength);
    }

    [Fact]
    public async Task Content_NodeChangedAfterwards_SendsTheBodyAsBuilt()
    {
        var node = new JsonObject { ["name"] = "before" };
        using var content = new JsonNodeContent(node);
        node["name"] = "after";

        Assert.Equal("""{"name":"before"}""", await content.ReadAsStringAsync());
    }
}
