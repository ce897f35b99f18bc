using Xunit;
using CrmBridge.Connectors.Json;

namespace CrmBridge.Connectors.Dataverse.Tests;

/// <summary>The batch response parser of reads on the documentation's example bodies (Fixtures/*), directly.</summary>
public sealed class DataverseBatchResponseTests
{
    [Fact]
    public void Parts_DocumentedResponseWithGet_FourPartsInOrderAndTheQueryRows()
    {
        var reply = Reply(200, "batchresponse_01346794-f2e2-4d45-8cc2-f97e09fe8916", DocumentedShapes.Fixture("batch-get-response.txt"));

        var parts = DataverseBatchResponse.Parts(reply);

        Assert.Equal([204, 204, 204, 200], parts.Select(p => p.Status));
        var page = parts[3].Json()!;
        Assert.Equal(["Task 1 in batch", "Task 2 in batch", "Task 3 in batch"], page["value"]!.AsArray().Select(t => t!["subject"]!.GetValue<string>()));
        Assert.Equal("W/\"77180910\"", page["value"]![1]!["@odata.etag"]!.GetValue<string>());
    }

    [Fact]
    public void Parts_DocumentedBatchStoppedAtAFailure_OnePartWithTheErrorAndItsCode()
    {
        // Without odata.continue-on-error the batch answers the failing request's status around its part.
        var reply = Reply(400, "batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f", DocumentedShapes.Fixture("batch-changeset-failed.txt"));

        var part = Assert.Single(DataverseBatchResponse.Parts(reply));
        var error = DataverseErrors.From("dataverse", part.Status, part.Body, part.RetryAfter);

        Assert.True(DataverseBatchResponse.IsMultipart(reply));
        Assert.Equal(400, part.Status);
        Assert.Equal(ErrorKind.Permanent, error.Kind);
        Assert.Equal("0x80044331", error.ErrorCode);
    }

    [Fact]
    public void Parts_ThrottledPartWithItsOwnRetryAfter_TheirsWinsOverTheBatchs()
    {
        const string Body = "--b\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nHTTP/1.1 429 Too Many Requests\r\nRetry-After: 12\r\n" +
            "Content-Type: application/json\r\n\r\n{\"error\":{\"code\":\"0x80072322\",\"message\":\"Number of requests exceeded the limit.\"}}\r\n--b--\r\n";
        var reply = Reply(429, "b", Body, TimeSpan.FromSeconds(3));

        var part = Assert.Single(DataverseBatchResponse.Parts(reply));

        Assert.Equal(TimeSpan.FromSeconds(12), part.RetryAfter);
        Assert.Equal(ErrorKind.Throttled, DataverseErrors.From("dataverse", part.Status, part.Body, part.RetryAfter).Kind);
    }

    private static ConnectorReply Reply(int status, string boundary, string body, TimeSpan? retryAfter = null) =>
        new(status, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = $"multipart/mixed; boundary={boundary}" }, body, retryAfter);
}
