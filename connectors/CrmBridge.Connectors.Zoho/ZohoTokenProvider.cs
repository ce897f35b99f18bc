using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RestSharp;

namespace CrmBridge.Connectors.Zoho;

/// <summary>
/// The refresh-token flow against the data centre's accounts server. The access token is cached until shortly before
/// <c>expires_in</c>; refreshes are serialised (Zoho limits token requests per minute), so any number of concurrent
/// callers that find the token missing, expired or rejected cause exactly one token request.
/// </summary>
internal sealed class ZohoTokenProvider : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ZohoConnectorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IHttpClientFactory _httpClients;
    private readonly RestClientOptions _restOptions;
    private ZohoAccessToken? _current;

    public ZohoTokenProvider(IOptions<ZohoConnectorOptions> options, TimeProvider time, IHttpClientFactory httpClients, ILogger<ZohoTokenProvider> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _httpClients = httpClients;
        _restOptions = new RestClientOptions { Timeout = _options.RequestTimeout, ThrowOnAnyError = false };
        TokenEndpoint = ZohoDataCenters.TokenEndpoint(_options);
    }

    /// <summary>Gets the token endpoint in use.</summary>
    public Uri TokenEndpoint { get; }

    /// <summary>Gets a valid access token, refreshing it when needed.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The token.</returns>
    public async ValueTask<ZohoAccessToken> GetAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && current.RefreshAt > _time.GetUtcNow())
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = _current;
            if (current is not null && current.RefreshAt > _time.GetUtcNow())
            {
                return current;
            }

            current = await RefreshAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _current, current);
            return current;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Drops a token the API rejected (401 INVALID_TOKEN), unless another caller already replaced it.</summary>
    /// <param name="rejected">The rejected token.</param>
    public void Invalidate(ZohoAccessToken rejected) => Interlocked.CompareExchange(ref _current, null, rejected);

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private async Task<ZohoAccessToken> RefreshAsync(CancellationToken cancellationToken)
    {
        var request = new RestRequest(TokenEndpoint, Method.Post);
        request.AddParameter("grant_type", "refresh_token");
        request.AddParameter("client_id", _options.ClientId);
        request.AddParameter("client_secret", _options.ClientSecret);
        request.AddParameter("refresh_token", _options.RefreshToken);
        using var client = new RestClient(_httpClients.CreateClient(ZohoApiClient.HttpClientName), _restOptions, disposeHttpClient: false);
        var response = await client.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var system = _options.System;
        if (response.StatusCode == 0)
        {
            throw ConnectorErrors.FromNetwork(system, response.ErrorException ?? new HttpRequestException(response.ErrorMessage));
        }

        var status = (int)response.StatusCode;
        var body = ZohoErrors.TryParse(response.Content) as JsonObject;
        if (status is 429 or >= 500)
        {
            throw ConnectorErrors.FromStatus(system, status, "TOKEN_ENDPOINT", $"{system}: the accounts server answered {status}.", status == 429 ? _options.ThrottleDelay : null);
        }

        // The accounts server reports OAuth errors as {"error":"invalid_client"} (often with HTTP 200).
        if (body?["error"]?.ToString() is { } error)
        {
            var throttled = error.Contains("too many", StringComparison.OrdinalIgnoreCase) || error.Contains("Access Denied", StringComparison.OrdinalIgnoreCase);
            Log.TokenRefreshFailed(_logger, system, error);
            throw new ConnectorException(system, throttled ? ErrorKind.Throttled : ErrorKind.Permanent, error,
                $"{system}: the token request was refused ({error}); check ClientId, ClientSecret, RefreshToken and DataCenter.",
                status, throttled ? TimeSpan.FromMinutes(1) : null);
        }

        if (body?["access_token"]?.ToString() is not { Length: > 0 } token || body["api_domain"]?.ToString() is not { Length: > 0 } apiDomain)
        {
            throw new ConnectorException(system, ErrorKind.Transient, "TOKEN_RESPONSE", $"{system}: the token response carried no access_token/api_domain (HTTP {status}).", status);
        }

        var lifetime = TimeSpan.FromSeconds(body["expires_in"]?.GetValue<double>() ?? 3600);
        var margin = lifetime > _options.TokenRefreshMargin * 2 ? _options.TokenRefreshMargin : lifetime / 2;
        Log.TokenRefreshed(_logger, system, apiDomain);
        return new ZohoAccessToken(token, apiDomain.TrimEnd('/'), _time.GetUtcNow() + lifetime - margin);
    }
}
