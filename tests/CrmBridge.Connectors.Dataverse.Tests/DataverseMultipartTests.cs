using System.Text;
using Xunit;
using CrmBridge.Connectors.Json;

namespace CrmBridge.Connectors.Dataverse.Tests;

/// <summary>The multipart splitter works on the reply's bytes: parts are slices, multi-byte text survives, CRLF or LF.</summary>
public sealed class DataverseMultipartTests
{
    private const string Batch =
        "--batchresponse_1\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
        "HTTP/1.1 200 OK\r\nContent-Type: application/json; odata.metadata=minimal\r\nOData-Version: 4.0\r\n\r\n" +
        "{\"value\":[{\"name\":\"纷享销客 Müller\",\"note\":\"--batchresponse_1 inside a value\"}]}\r\n" +
        "--batchresponse_1\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
        "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\n\r\n{\"error\":{\"code\":\"0x80040217\",\"message\":\"Not found\"}}\r\n" +
        "--batchresponse_1--\r\n";

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    public void Parts_TwoAnswers_StatusHeadersAndBodiesAsSlices(string newline)
    {
        var bytes = Encoding.UTF8.GetBytes(Batch.Replace("\r\n", newline, StringComparison.Ordinal));
        var reply = new ConnectorReply(200, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "multipart/mixed; boundary=batchresponse_1" }, bytes, null);

        var parts = DataverseBatchResponse.Parts(reply);

        Assert.Equal([200, 404], parts.Select(p => p.Status));
        Assert.Equal("application/json; odata.metadata=minimal", parts[0].Header("Content-Type"));
        Assert.Equal("纷享销客 Müller", parts[0].Json()!["value"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("--batchresponse_1 inside a value", parts[0].Json()!["value"]![0]!["note"]!.GetValue<string>());
        Assert.Equal("{\"error\":{\"code\":\"0x80040217\",\"message\":\"Not found\"}}", parts[1].Body);
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(parts[1].Utf8.First, out var segment) && ReferenceEquals(segment.Array, bytes));
    }

    [Fact]
    public void Split_NoClosingDelimiter_DropsTheUnfinishedPart()
    {
        var bytes = Encoding.UTF8.GetBytes("--b\r\nContent-ID: 1\r\n\r\nfirst\r\n--b\r\nContent-ID: 2\r\n\r\ncut off");

        var part = Assert.Single(DataverseMultipart.Split("b", new System.Buffers.ReadOnlySequence<byte>(bytes)));

        Assert.Equal("1", part.Headers["Content-ID"]);
        Assert.Equal("first", Encoding.UTF8.GetString(part.Content));
    }

    [Fact]
    public void Response_NoStatusLine_ThrowsFormatException() =>
        Assert.Throws<FormatException>(() => DataverseMultipart.Response(new System.Buffers.ReadOnlySequence<byte>(Encoding.UTF8.GetBytes("\r\nContent-Type: application/json\r\n\r\n{}"))));
}
