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
    private readonly ConnectorHealthTracker _health;
    private ZohoAccessToken? _current;

    public ZohoTokenProvider(IOptions<ZohoConnectorOptions> options, TimeProvider time, IHttpClientFactory httpClients, ILogger<ZohoTokenProvider> logger, ConnectionHealthRegistry health)
    {
        _health = health.For(options.Value.System, ZohoConnectorOptions.SectionName);
        _options = options.Value;
        _time = time;
        _logger = logger;
        _httpClients = httpClients;
        _restOptions = new RestClientOptions { Timeout = _options.RequestTimeout, ThrowOnAnyError = false };
        TokenEndpoint = ZohoDataCenters.TokenEndpoint(_options);
        _health.BaseUrl ??= $"{_options.DataCenter} data centre ({TokenEndpoint.GetLeftPart(UriPartial.Authority)})";
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

            _health.TokenRefreshing();
            current = await RefreshAsync(cancellationToken).ConfigureAwait(false);
            _health.TokenObtained(current.RefreshAt);
            _health.BaseUrl = $"{current.ApiDomain} ({_options.DataCenter} data centre)";
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

    /// <summary>
    /// One line per refusal of the accounts server. A refresh token is valid only in the data centre that issued it, and
    /// a client exists only in the data centre it was registered in: a wrong DataCenter shows as <c>invalid_code</c> or
    /// <c>invalid_client</c>, so both lines name the data centre in use.
    /// </summary>
    private string Problem(string error)
    {
        var where = $"{_options.DataCenter} data centre ({TokenEndpoint.GetLeftPart(UriPartial.Authority)})";
        var section = ZohoConnectorOptions.SectionName;
        return error switch
        {
            "invalid_code" or "invalid_grant" =>
                $"{_options.System}: the refresh token was revoked, expired or issued by another data centre ({error} from the {where}): generate a new grant token in the Zoho API console of the right data centre, exchange it and set {section}:RefreshToken (and {section}:DataCenter).",
            "invalid_client" or "invalid_client_secret" =>
                $"{_options.System}: the {where} does not know this client ({error}): check {section}:DataCenter is where the client was registered, then {section}:ClientId and ClientSecret.",
            _ => $"{_options.System}: the accounts server refused the token request ({error}, {where}): check ClientId, ClientSecret, RefreshToken and DataCenter under {section}.",
        };
    }

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
            if (!throttled)
            {
                _health.TokenFailed(error, Problem(error));
            }

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
