using CrmBridge.Sandbox.Dataverse;
using Xunit;

namespace CrmBridge.Connectors.Dataverse.Tests;

public sealed class DataverseBatchParserTests
{
    private const string Body =
        "--batch_AAA\r\n" +
        "Content-Type: multipart/mixed; boundary=changeset_BBB\r\n\r\n" +
        "--changeset_BBB\r\n" +
        "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 1\r\n\r\n" +
        "POST https://org.crm.dynamics.com/api/data/v9.2/accounts HTTP/1.1\r\nContent-Type: application/json\r\n\r\n" +
        "{\"name\":\"First\"}\r\n" +
        "--changeset_BBB\r\n" +
        "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 2\r\n\r\n" +
        "PATCH accounts(accountnumber='A-1') HTTP/1.1\r\nContent-Type: application/json\r\nIf-Match: *\r\n\r\n" +
        "{\"name\":\"Second\"}\r\n" +
        "--changeset_BBB--\r\n" +
        "--batch_AAA\r\n" +
        "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
        "GET /api/data/v9.2/accounts?$select=name HTTP/1.1\r\nAccept: application/json\r\n\r\n" +
        "--batch_AAA--\r\n";

    [Fact]
    public void Parse_ChangesetAndGet_ReturnsPartsInOrder()
    {
        var parts = DataverseBatchParser.Parse("multipart/mixed; boundary=batch_AAA", Body);

        Assert.Equal(2, parts.Count);
        Assert.True(parts[0].IsChangeset);
        Assert.Equal(["1", "2"], parts[0].Operations.Select(o => o.ContentId));
        Assert.Equal("POST", parts[0].Operations[0].Request.Method);
        Assert.Equal("accounts", parts[0].Operations[0].Request.Path);
        Assert.Equal("{\"name\":\"First\"}", parts[0].Operations[0].Request.Body);
        Assert.Equal("accounts(accountnumber='A-1')", parts[0].Operations[1].Request.Path);
        Assert.Equal("*", parts[0].Operations[1].Request.Header("if-match"));
        Assert.False(parts[1].IsChangeset);
        Assert.Equal("accounts?$select=name", parts[1].Operations[0].Request.Path);
        Assert.Equal(string.Empty, parts[1].Operations[0].Request.Body);
    }

    [Fact]
    public void Parse_BareLineFeeds_AreAccepted()
    {
        var parts = DataverseBatchParser.Parse("multipart/mixed;boundary=\"batch_AAA\"", Body.Replace("\r\n", "\n", StringComparison.Ordinal));

        Assert.Equal(3, parts.Sum(p => p.Operations.Count));
    }

    [Theory]
    [InlineData("multipart/mixed", "boundary")]
    [InlineData("multipart/mixed; boundary=other", "closing delimiter")]
    public void Parse_Malformed_Throws400(string contentType, string reason)
    {
        var error = Assert.Throws<DataverseApiException>(() => DataverseBatchParser.Parse(contentType, Body));

        Assert.Equal(400, error.Status);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_GetInsideChangeset_Throws400()
    {
        var body = Body.Replace("POST https://org.crm.dynamics.com/api/data/v9.2/accounts", "GET accounts", StringComparison.Ordinal);

        var error = Assert.Throws<DataverseApiException>(() => DataverseBatchParser.Parse("multipart/mixed; boundary=batch_AAA", body));

        Assert.Contains("GET", error.Message, StringComparison.Ordinal);
    }
}
