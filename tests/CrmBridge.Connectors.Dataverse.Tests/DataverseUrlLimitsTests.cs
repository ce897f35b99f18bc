using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Dataverse;
using Xunit;

namespace CrmBridge.Connectors.Dataverse.Tests;

/// <summary>The emulator's URL limits: 32,768 characters for a request, 65,536 for a request inside a $batch.</summary>
public sealed class DataverseUrlLimitsTests
{
    [Theory]
    [InlineData(20_000, HttpStatusCode.OK)] // past Kestrel's default request line of 8 KB
    [InlineData(32_768, HttpStatusCode.OK)]
    [InlineData(32_769, HttpStatusCode.RequestUriTooLong)]
    public async Task Get_UrlOfLength_AcceptedUpTo32768(int length, HttpStatusCode expected)
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        using var http = await SandboxHttp.ClientAsync(sandbox);

        using var response = await http.GetAsync(new Uri(UrlOfLength(sandbox, length)));

        Assert.Equal(expected, response.StatusCode);
        if (expected != HttpStatusCode.OK)
        {
            var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!;
            Assert.Contains("32768", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(65_536, 200, "HTTP/1.1 200")]
    [InlineData(65_537, 414, "HTTP/1.1 414")]
    public async Task Batch_GetPartUrlOfLength_AcceptedUpTo65536(int length, int expected, string part)
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        using var http = await SandboxHttp.ClientAsync(sandbox);
        var body = $"--batch_u\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nGET {UrlOfLength(sandbox, length)} HTTP/1.1\r\n\r\n\r\n--batch_u--\r\n";
        using var request = new HttpRequestMessage(HttpMethod.Post, "$batch") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/mixed; boundary=batch_u");

        using var response = await http.SendAsync(request);

        Assert.Equal(expected, (int)response.StatusCode); // without continue-on-error the batch carries its failed request's status
        Assert.Contains(part, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_SelectMakesTheUrlTooLong_PermanentError414()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        var (connector, services) = DataverseTestHost.Build(sandbox, o => o.Entities["accounts"].Select.AddRange(Enumerable.Range(0, 1500).Select(i => $"new_averylongcolumnname{i:D4}")));
        await using var _ = services;

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.GetAsync("accounts", Guid.NewGuid().ToString(), CancellationToken.None));

        Assert.Equal(ErrorKind.Permanent, error.Kind);
        Assert.Equal(414, error.HttpStatus);
        Assert.Equal("HTTP_414", error.ErrorCode);
    }

    /// <summary>An absolute query URL of exactly <paramref name="length"/> characters (a long string literal in the filter).</summary>
    private static string UrlOfLength(DataverseSandbox sandbox, int length)
    {
        var start = sandbox.ApiAddress.AbsoluteUri + "accounts?$select=name&$filter=name%20ne%20'";
        return start + new string('x', length - start.Length - 1) + "'";
    }
}
