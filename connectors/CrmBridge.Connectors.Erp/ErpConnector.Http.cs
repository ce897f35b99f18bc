using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBridge.Connectors.Json;

namespace CrmBridge.Connectors.Erp;

/// <summary>One HTTP call and the translation of its failures into classified <see cref="ConnectorException"/>s.</summary>
internal sealed partial class ErpConnector
{
    private const int MaxMessageLength = 300;

    private async Task<ErpResponse> SendAsync(
        HttpMethod method, string path, JsonNode? content, string entity, string? ifMatch, bool notFoundIsResult, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation(_options.ApiKeyHeader, _options.ApiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (content is not null)
        {
            request.Content = SegmentedContent.Json(content);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch.StartsWith('"') || ifMatch.StartsWith("W/", StringComparison.Ordinal) ? ifMatch : $"\"{ifMatch}\"");
        }

        try
        {
            // A client per call from the factory: its pooled handler is recycled on the handler lifetime, so DNS changes are seen.
            // Read in 64 KB segments and parsed in pieces (SplitJson): a batch answer of 200 records is not turned into a
            // string and a whole-body document on the large object heap.
            using var buffered = await BufferedResponse.SendAsync(_httpClients.CreateClient(HttpClientName), request, cancellationToken).ConfigureAwait(false);
            var (response, body) = (buffered.Message, buffered.Body);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode || (status == 404 && notFoundIsResult))
            {
                return new ErpResponse(status, response.IsSuccessStatusCode ? Parse(body.WrittenSequence, entity) : null);
            }

            var error = ToException(response, status, Encoding.UTF8.GetString(body.WrittenSequence), entity);
            ErpConnectorLog.CallFailed(_logger, System, method.Method, entity, status, error.ErrorCode, error.Kind);
            throw error;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            // Connection refused/reset, dropped mid-response, or HttpClient.Timeout: no answer, so the call may be retried.
            var error = ConnectorErrors.FromNetwork(System, ex);
            ErpConnectorLog.NetworkFailed(_logger, System, method.Method, entity, error.ErrorCode);
            throw error;
        }
    }

    private JsonNode? Parse(ReadOnlySequence<byte> utf8, string entity)
    {
        if (SplitJson.IsBlank(utf8))
        {
            return null;
        }

        try
        {
            return SplitJson.Parse(utf8);
        }
        catch (JsonException ex)
        {
            // A truncated or non-JSON answer (a proxy's HTML page) is worth one more try; the retry limit bounds it.
            throw new ConnectorException(System, ErrorKind.Transient, "INVALID_RESPONSE", $"{System}: the {entity} response is not valid JSON.", innerException: ex);
        }
    }

    private ConnectorException ToException(HttpResponseMessage response, int status, string text, string entity)
    {
        var (code, message, field) = ReadError(text);
        var retryAfter = ConnectorErrors.ParseRetryAfter(response.Headers.RetryAfter, _time.GetUtcNow());
        if (status == 401)
        {
            return new ConnectorException(System, ErrorKind.Permanent, code ?? "UNAUTHORIZED",
                $"{System}: the ERP rejected the API key (HTTP 401): check {ErpConnectorOptions.SectionName}:ApiKey and ApiKeyHeader ('{_options.ApiKeyHeader}').", status);
        }

        if (status == 410 || code == "CHECKPOINT_EXPIRED")
        {
            return new ConnectorException(System, ErrorKind.CheckpointExpired, code ?? "CHECKPOINT_EXPIRED",
                $"{System}: the {entity} change checkpoint expired; resync from the start.", status);
        }

        return ConnectorErrors.FromStatus(System, status, code, Describe(entity, status, code, message, field), retryAfter);
    }

    /// <summary>Reads <c>{"error":{"code","message","field"}}</c>; tolerates other bodies (a gateway's HTML page).</summary>
    internal static (string? Code, string? Message, string? Field) ReadError(string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonObject body && body["error"] is JsonObject error
                ? ReadErrorObject(error)
                : (null, null, null);
        }
        catch (JsonException)
        {
            return (null, null, null);
        }
    }

    internal static (string? Code, string? Message, string? Field) ReadErrorObject(JsonObject error) =>
        (Scalar(error["code"]), Scalar(error["message"]), Scalar(error["field"]));

    private string Describe(string entity, int status, string? code, string? message, string? field)
    {
        var text = $"{System}: {entity}: HTTP {status} {code ?? "error"}{(field is null ? string.Empty : $" ({field})")}: {message ?? "no details"}";
        return text.Length <= MaxMessageLength ? text : text[..MaxMessageLength];
    }

    private static string? Scalar(JsonNode? node) => node?.GetValueKind() is JsonValueKind.String or JsonValueKind.Number
        ? (node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString())
        : null;
}
