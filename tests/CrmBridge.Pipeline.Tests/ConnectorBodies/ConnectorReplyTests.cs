using System.Buffers;
using System.Text;
using CrmBridge.Connectors.Json;
using Xunit;

namespace CrmBridge.Pipeline.Tests.ConnectorBodies;

public sealed class ConnectorReplyTests
{
    private static readonly Dictionary<string, string> Headers = new(StringComparer.OrdinalIgnoreCase) { ["Retry-After"] = "7" };

    [Fact]
    public void Json_BytesWithByteOrderMark_ParsedLikeText()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("""{"value":[{"name":"纷享销客"}]}""")).ToArray();
        var fromBytes = new ConnectorReply(200, Headers, new ReadOnlySequence<byte>(bytes), null);
        var fromText = new ConnectorReply(200, Headers, """{"value":[{"name":"纷享销客"}]}""", null);

        Assert.Equal(fromText.Json()!.ToJsonString(), fromBytes.Json()!.ToJsonString());
        Assert.Equal(fromText.Body, fromBytes.Body);
        Assert.Equal(Encoding.UTF8.GetBytes(fromText.Body), fromText.Utf8.ToArray());
        Assert.Equal("7", fromBytes.Header("retry-after"));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData(" \r\n", true)]
    [InlineData("\u00a0\u3000", true)]
    [InlineData("<html>502</html>", false)]
    [InlineData("[1,2]", false)]
    public void Json_BlankOrNotAnObject_Null(string body, bool blank)
    {
        var reply = new ConnectorReply(502, Headers, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(body)), null);

        Assert.Equal(blank, reply.IsBlank);
        Assert.Null(reply.Json());
        Assert.False(reply.IsSuccess);
    }
}
