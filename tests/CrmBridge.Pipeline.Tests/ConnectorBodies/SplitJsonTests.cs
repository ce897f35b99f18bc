using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBridge.Connectors.Json;
using Xunit;

namespace CrmBridge.Pipeline.Tests.ConnectorBodies;

/// <summary><see cref="SplitJson"/> reads what <see cref="JsonNode.Parse(string, JsonNodeOptions?, JsonDocumentOptions)"/> reads, and fails where it fails.</summary>
public sealed class SplitJsonTests
{
    // The documentation's change-tracking page (Dataverse), with a string-typed number, a nested array and an escape.
    private const string Page = """
        {"@odata.context":"https://org.crm.dynamics.com/api/data/v9.2/$metadata#accounts(name,accountnumber,telephone1,fax)/$delta",
         "@odata.deltaLink":"https://org.crm.dynamics.com/api/data/v9.2/accounts?$select=name,accountnumber&$deltatoken=919042%2108%2f22%2f2017%2008%3a10%3a44",
         "value":[
           {"@odata.etag":"W/\"915244\"","name":"Monte Orders \u00e9\"","accountnumber":"A-1","revenue":"1200.50","accountid":"60c4e274-0d87-e711-80e5-00155db19e6d","tags":["a",{"b":[1,2]}]},
           {"@odata.context":"https://org.crm.dynamics.com/api/data/v9.2/$metadata#accounts/$deletedEntity","id":"2e451e82-6a87-e711-80e5-00155db19e6d","reason":"deleted"},
           null, 7, "x"
         ],
         "@Microsoft.Dynamics.CRM.totalrecordcount":-1, "nested":{"value":[{"x":1}]}}
        """;

    [Theory]
    [InlineData(Page)]
    [InlineData("""[{"a":1},[2,[3]],"s",null,true]""")]
    [InlineData("""{"value":[]}""")]
    [InlineData("""{}""")]
    [InlineData("""[]""")]
    [InlineData("""  "text"  """)]
    [InlineData("""12.50""")]
    [InlineData("""{"data":[{"code":"SUCCESS","details":{"id":"3477061000000419001"}}],"info":{"more_records":false}}""")]
    public void Parse_AnyDocument_ReadsWhatJsonNodeParseReads(string json)
    {
        var split = SplitJson.Parse(Encoding.UTF8.GetBytes(json));

        var segmented = SplitJson.Parse(Segmented(json, 5));

        Assert.Equal(JsonNode.Parse(json)!.ToJsonString(), split!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), split));
        Assert.Equal(split.ToJsonString(), segmented!.ToJsonString());
    }

    [Fact]
    public void Parse_PageRows_AreEditableAndDetachable()
    {
        var page = (JsonObject)SplitJson.Parse(Encoding.UTF8.GetBytes(Page))!;
        var first = (JsonObject)page["value"]![0]!;

        first["name"] = "renamed";
        page["value"]!.AsArray().RemoveAt(0);

        Assert.Equal("renamed", first["name"]!.GetValue<string>());
        Assert.Equal("1200.50", first["revenue"]!.GetValue<string>());
        Assert.Equal("deleted", page["value"]![0]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public void Parse_ByteOrderMark_IsSkipped()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("""{"value":[{"a":1}]}""")).ToArray();

        Assert.Equal(1, SplitJson.Parse(bytes)!["value"]![0]!["a"]!.GetValue<int>());
        Assert.Equal(1, SplitJson.Parse(Segmented(Encoding.UTF8.GetString(bytes), 2))!["value"]![0]!["a"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("", true)]
    [InlineData(" \r\n\t ", true)]
    [InlineData("  {}", false)]
    [InlineData("\u00a0\u3000", true)]
    [InlineData("\u00a0x", false)]
    public void IsBlank_Body_WhiteSpaceAsStringIsNullOrWhiteSpaceReadsIt(string body, bool blank) =>
        Assert.Equal(blank, SplitJson.IsBlank(Segmented(body, 2)));

    [Fact]
    public void Parse_NullLiteral_IsNull() => Assert.Null(SplitJson.Parse("null"u8));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("""{"value":[{"a":1}""")]
    [InlineData("""{"value":[{"a":1}]} {"second":true}""")]
    [InlineData("""<html><body>502 Bad Gateway</body></html>""")]
    [InlineData("""{"value":[{"a":1},]}""")]
    public void Parse_NotOneJsonValue_ThrowsJsonException(string body)
    {
        Assert.ThrowsAny<JsonException>(() => JsonNode.Parse(body));
        Assert.ThrowsAny<JsonException>(() => SplitJson.Parse(Encoding.UTF8.GetBytes(body)));
        Assert.ThrowsAny<JsonException>(() => SplitJson.Parse(Segmented(body, 3)));
    }

    /// <summary>The text's UTF-8 bytes as a sequence of segments of <paramref name="size"/> bytes (values split across them).</summary>
    private static ReadOnlySequence<byte> Segmented(string text, int size)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Segment? first = null, last = null;
        foreach (var chunk in bytes.Chunk(size))
        {
            var next = new Segment(chunk, last);
            first ??= next;
            last = next;
        }

        return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] bytes, Segment? previous)
        {
            Memory = bytes;
            if (previous is not null)
            {
                RunningIndex = previous.RunningIndex + previous.Memory.Length;
                previous.Next = this;
            }
        }
    }
}
