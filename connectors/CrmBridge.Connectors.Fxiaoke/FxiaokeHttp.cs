using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using RestSharp;

namespace CrmBridge.Connectors.Fxiaoke;

/// <summary>
/// The HTTP transport (RestSharp): POSTs a JSON body with a fresh <c>thirdTraceId</c> and returns the parsed envelope.
/// HTTP-level failures (gateway 5xx/429, network) become classified exceptions; errorCode handling is the caller's.
/// </summary>
internal sealed class FxiaokeHttp
{
    /// <summary>The named HttpClient the registration configures (handler lifetime).</summary>
    public const string HttpClientName = "CrmBridge.Fxiaoke";

    private readonly IHttpClientFactory _httpClients;
    private readonly RestClientOptions _restOptions;
    private readonly FxiaokeOptions _options;

    public FxiaokeHttp(FxiaokeOptions options, IHttpClientFactory httpClients)
    {
        _options = options;
        _httpClients = httpClients;
        _restOptions = new RestClientOptions(options.BaseUrl) { Timeout = options.Timeout, ThrowOnAnyError = false };
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
            // A client per call from the factory (not disposed by RestSharp): the pooled handler is recycled, so DNS changes are seen.
            using var client = new RestClient(_httpClients.CreateClient(HttpClientName), _restOptions, disposeHttpClient: false);
            response = await client.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
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
}
