using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using RestSharp;

namespace CrmBridge.Connectors.Fxiaoke;

/// <summary>
/// The HTTP transport (RestSharp): POSTs a JSON body with a fresh <c>thirdTraceId</c> and returns the parsed envelope.
/// HTTP-level failures (gateway 5xx/429, network) become classified exceptions; errorCode handling is the caller's.
/// </summary>
internal sealed class FxiaokeHttp : IDisposable
{
    private readonly RestClient _client;
    private readonly FxiaokeOptions _options;
    private readonly TimeProvider _time;

    public FxiaokeHttp(FxiaokeOptions options, TimeProvider time, HttpMessageHandler? handler = null)
    {
        _options = options;
        _time = time;
        var restOptions = new RestClientOptions(options.BaseUrl) { Timeout = options.Timeout, ThrowOnAnyError = false };
        if (handler is not null)
        {
            restOptions.ConfigureMessageHandler = _ => handler;
        }

        _client = new RestClient(restOptions);
    }

    /// <summary>Posts <paramref name="body"/> to <paramref name="path"/> and returns the JSON envelope.</summary>
    public async Task<JsonObject> PostAsync(string path, JsonObject body, CancellationToken cancellationToken)
    {
        var request = new RestRequest(path, Method.Post);
        request.AddQueryParameter("thirdTraceId", Guid.NewGuid().ToString());
        request.AddStringBody(body.ToJsonString(), ContentType.Json);
        RestResponse response;
        try
        {
            response = await _client.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw ConnectorErrors.FromNetwork(_options.System, ex);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (response.ResponseStatus != ResponseStatus.Completed || response.StatusCode == 0)
        {
            throw ConnectorErrors.FromNetwork(_options.System,
                response.ErrorException ?? new HttpRequestException($"{response.ResponseStatus}: {response.ErrorMessage}"));
        }

        if (!ConnectorErrors.IsSuccess(response.StatusCode))
        {
            // Fxiaoke answers 200 with an errorCode; a non-2xx comes from a gateway or proxy in front of it.
            var retryAfter = ConnectorErrors.ParseRetryAfter(
                response.Headers?.FirstOrDefault(h => string.Equals(h.Name, "Retry-After", StringComparison.OrdinalIgnoreCase))?.Value?.ToString());
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                retryAfter ??= _options.ThrottleRetryAfter;
            }

            throw ConnectorErrors.FromStatus(_options.System, (int)response.StatusCode, null,
                $"fxiaoke {path}: HTTP {(int)response.StatusCode} from the gateway", retryAfter);
        }

        try
        {
            return JsonNode.Parse(response.Content ?? string.Empty) as JsonObject
                ?? throw new JsonException("the body is not a JSON object");
        }
        catch (JsonException ex)
        {
            // A truncated or non-JSON 200 is a gateway/transport hiccup, not a data problem.
            throw new ConnectorException(_options.System, ErrorKind.Transient, "INVALID_RESPONSE",
                $"fxiaoke {path}: unreadable response: {ex.Message}", (int)response.StatusCode, innerException: ex);
        }
    }

    /// <summary>Gets the current time (exposed for callers that stamp requests).</summary>
    public DateTimeOffset Now => _time.GetUtcNow();

    public void Dispose() => _client.Dispose();
}
