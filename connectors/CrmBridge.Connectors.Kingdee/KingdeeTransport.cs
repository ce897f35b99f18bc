using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using RestSharp;

namespace CrmBridge.Connectors.Kingdee;

/// <summary>
/// One POST to <c>{ServerUrl}/{service}.common.kdsvc</c> with a JSON body, through RestSharp over an
/// <see cref="IHttpClientFactory"/> client (handler lifetime managed by the factory; cookies handled here, not by the
/// pooled handler). Network failures become transient <see cref="ConnectorException"/>s.
/// </summary>
internal sealed class KingdeeTransport
{
    /// <summary>The named HttpClient the connector uses.</summary>
    public const string HttpClientName = "CrmBridge.Kingdee";

    private readonly IHttpClientFactory _factory;
    private readonly KingdeeConnectorOptions _options;

    public KingdeeTransport(IHttpClientFactory factory, IOptions<KingdeeConnectorOptions> options)
    {
        _factory = factory;
        _options = options.Value;
    }

    /// <summary>Gets the absolute URL of a service.</summary>
    public Uri ServiceUri(string service) => new(_options.ServerUrl!.TrimEnd('/') + "/" + service + ".common.kdsvc");

    public async Task<KingdeeHttpAnswer> PostAsync(string service, JsonObject body, IEnumerable<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        using var client = new RestClient(_factory.CreateClient(HttpClientName), new RestClientOptions { Timeout = _options.Timeout, ThrowOnAnyError = false }, disposeHttpClient: true);
        var request = new RestRequest(ServiceUri(service), Method.Post);
        foreach (var (name, value) in headers)
        {
            request.AddOrUpdateHeader(name, value);
        }

        request.AddStringBody(body.ToJsonString(), ContentType.Json);
        var response = await client.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (response.StatusCode == 0)
        {
            throw ConnectorErrors.FromNetwork(_options.System, response.ErrorException ?? new HttpRequestException(response.ErrorMessage ?? "no response"));
        }

        var text = response.Content ?? string.Empty;
        return new KingdeeHttpAnswer((int)response.StatusCode, Parse(text), text, Cookies(response));
    }

    private static JsonNode? Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null; // an IIS error page or a proxy's HTML: the caller reports it by status
        }
    }

    private static Dictionary<string, string> Cookies(RestResponse response)
    {
        var cookies = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers ?? [])
        {
            if (!string.Equals(header.Name, "Set-Cookie", StringComparison.OrdinalIgnoreCase) || header.Value?.ToString() is not { } value)
            {
                continue;
            }

            var pair = value.Split(';', 2)[0];
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                cookies[pair[..equals].Trim()] = pair[(equals + 1)..].Trim();
            }
        }

        foreach (var cookie in response.Cookies?.Cast<System.Net.Cookie>() ?? [])
        {
            cookies.TryAdd(cookie.Name, cookie.Value);
        }

        return cookies;
    }
}
