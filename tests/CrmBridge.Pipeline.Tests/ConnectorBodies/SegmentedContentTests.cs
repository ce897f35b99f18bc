using System.Text;
using System.Text.Json.Nodes;
using CrmBridge.Connectors.Json;
using Xunit;

namespace CrmBridge.Pipeline.Tests.ConnectorBodies;

public sealed class SegmentedContentTests
{
    [Fact]
    public async Task Json_Batch_IsTheNodesJsonWithLengthAndType()
    {
        var node = new JsonObject { ["items"] = new JsonArray(new JsonObject { ["name"] = "Müller & Söhne \"GmbH\"", ["amount"] = 12.5m }, new JsonObject { ["name"] = "纷享销客" }) };
        using var content = SegmentedContent.Json(node);

        var text = await content.ReadAsStringAsync();

        Assert.Equal(node.ToJsonString(), text);
        Assert.Equal("application/json", content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", content.Headers.ContentType.CharSet);
        Assert.Equal(Encoding.UTF8.GetByteCount(text), content.Headers.ContentLength);
    }

    [Fact]
    public async Task Json_NodeChangedAfterwards_SendsTheBodyAsBuilt()
    {
        var node = new JsonObject { ["name"] = "before" };
        using var content = SegmentedContent.Json(node);
        node["name"] = "after";

        Assert.Equal("""{"name":"before"}""", await content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Content_MultipartBodyOverSeveralSegments_SentWholeTwiceWithItsBoundary()
    {
        var body = new SegmentedBuffer();
        var expected = new StringBuilder();
        for (var i = 0; i < 1_000; i++)
        {
            var part = $"--batch_1\r\nContent-Type: application/http\r\n\r\nPATCH accounts({i}) HTTP/1.1\r\n\r\n";
            body.Append(part).AppendJson(new JsonObject { ["name"] = $"Kunde {i} 纷享" });
            expected.Append(part).Append(new JsonObject { ["name"] = $"Kunde {i} 纷享" }.ToJsonString());
        }

        using var first = new SegmentedContent(body, "multipart/mixed; boundary=batch_1");
        using var again = new SegmentedContent(body, "multipart/mixed; boundary=batch_1");

        Assert.True(body.Length > SegmentedBuffer.SegmentSize);
        Assert.Equal(expected.ToString(), await first.ReadAsStringAsync());
        Assert.Equal(expected.ToString(), await again.ReadAsStringAsync());
        Assert.Equal("batch_1", first.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value);
        Assert.Equal(body.Length, first.Headers.ContentLength);
    }
}
