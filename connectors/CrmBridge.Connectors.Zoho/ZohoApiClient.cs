using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RestSharp;

namespace CrmBridge.Connectors.Zoho;

/// <summary>
/// Sends CRM API calls with RestSharp to the <c>api_domain</c> of the current token. A 401 <c>INVALID_TOKEN</c> drops the
/// token, refreshes once (serialised in <see cref="ZohoTokenProvider"/>) and retries once; any other failure becomes a
/// classified <see cref="ConnectorException"/>.
/// </summary>
internal sealed class ZohoApiClient
{
    /// <summary>The named HttpClient the registration configures (handler lifetime); token and API calls share it.</summary>
    public const string HttpClientName = "CrmBridge.Zoho";

    private readonly ZohoTokenProvider _tokens;
    private readonly ILogger _logger;
    private readonly IHttpClientFactory _httpClients;
    private readonly RestClientOptions _restOptions;

    public ZohoApiClient(IOptions<ZohoConnectorOptions> options, ZohoTokenProvider tokens, IHttpClientFactory httpClients, ILogger<ZohoApiClient> logger)
    {
        Options = options.Value;
        _tokens = tokens;
        _logger = logger;
        _httpClients = httpClients;
        _restOptions = new RestClientOptions { Timeout = Options.RequestTimeout, ThrowOnAnyError = false };
    }

    /// <summary>Gets the options.</summary>
    public ZohoConnectorOptions Options { get; }

    /// <summary>Sends one call.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path below <c>/crm/{version}/</c>, e.g. <c>Accounts/upsert</c>.</param>
    /// <param name="configure">Adds query parameters, headers and body (invoked again for the retry).</param>
    /// <param name="acceptRecordErrors">Whether a 400 with a <c>data</c> array is a per-record answer rather than a failure.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response.</returns>
    public async Task<ZohoResponse> SendAsync(Method method, string path, Action<RestRequest>? configure, bool acceptRecordErrors, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var token = await _tokens.GetAsync(cancellationToken).ConfigureAwait(false);
            var request = new RestRequest(new Uri($"{token.ApiDomain}/crm/{Options.ApiVersion}/{path}"), method);
            configure?.Invoke(request);
            request.AddHeader("Authorization", "Zoho-oauthtoken " + token.Value);
            // A client per call from the factory (not disposed by RestSharp): the pooled handler is recycled, so DNS changes are seen.
            using var client = new RestClient(_httpClients.CreateClient(HttpClientName), _restOptions, disposeHttpClient: false);
            var response = await client.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (response.StatusCode == 0)
            {
                throw ConnectorErrors.FromNetwork(Options.System, response.ErrorException ?? new HttpRequestException(response.ErrorMessage ?? "no response"));
            }

            var status = (int)response.StatusCode;
            var body = ZohoErrors.TryParse(response.Content);
            if (status == 401 && body?["code"]?.ToString() == "INVALID_TOKEN" && attempt == 0)
            {
                Log.TokenRejected(_logger, Options.System);
                _tokens.Invalidate(token);
                continue;
            }

            if (status is >= 200 and < 300 || (acceptRecordErrors && status == 400 && body?["data"] is JsonArray))
            {
                return new ZohoResponse(status, body, Header(response, "Date") is { } date && DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null);
            }

            var error = ZohoErrors.ForCall(Options, status, body, ConnectorErrors.ParseRetryAfter(Header(response, "Retry-After")));
            Log.CallFailed(_logger, Options.System, path, status, error.ErrorCode);
            throw error;
        }
    }

    /// <inheritdoc />
    private static string? Header(RestResponse response, string name) =>
        response.Headers?.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))?.Value?.ToString();
}
