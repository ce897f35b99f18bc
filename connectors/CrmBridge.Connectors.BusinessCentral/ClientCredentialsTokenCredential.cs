using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Identity;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>
/// A minimal OAuth2 client-credentials <see cref="TokenCredential"/> for token endpoints Azure.Identity will not call
/// (it rejects non-TLS authority hosts, so it cannot reach the loopback emulator). Production uses Azure.Identity.
/// </summary>
internal sealed class ClientCredentialsTokenCredential : TokenCredential
{
    private readonly Func<HttpClient> _http;
    private readonly Uri _endpoint;
    private readonly string _clientId;
    private readonly string _clientSecret;
    private readonly TimeProvider _time;

    public ClientCredentialsTokenCredential(Func<HttpClient> http, Uri endpoint, string clientId, string clientSecret, TimeProvider time)
    {
        _http = http;
        _endpoint = endpoint;
        _clientId = clientId;
        _clientSecret = clientSecret;
        _time = time;
    }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = _clientId,
            ["client_secret"] = _clientSecret,
            ["grant_type"] = "client_credentials",
            ["scope"] = string.Join(' ', requestContext.Scopes),
        });
        using var response = await _http().PostAsync(_endpoint, form, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode || body?["access_token"]?.GetValue<string>() is not { } token)
        {
            throw new AuthenticationFailedException($"Token request failed ({(int)response.StatusCode}): {body?["error"]} {body?["error_description"]}");
        }

        var seconds = body["expires_in"]?.GetValue<int>() ?? 3600;
        return new AccessToken(token, _time.GetUtcNow().AddSeconds(seconds));
    }
}
