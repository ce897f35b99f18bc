using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Identity;

namespace CrmBridge.Connectors.Entra;

/// <summary>
/// A minimal OAuth2 client-credentials <see cref="TokenCredential"/> for token endpoints Azure.Identity will not call.
/// Why it exists: <c>ClientSecretCredential</c> rejects any non-TLS authority host ("Authority host must be a TLS
/// protected (https) endpoint.", checked against Azure.Identity 1.21.0), so it cannot be pointed at the loopback
/// emulator on http://127.0.0.1. Production uses Azure.Identity; everything above the credential (caching, refresh on
/// 401, the API calls) is the same code in both cases.
/// </summary>
public sealed class ClientCredentialsTokenCredential : TokenCredential
{
    private readonly Func<HttpClient> _http;
    private readonly Uri _endpoint;
    private readonly string _clientId;
    private readonly string _clientSecret;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="ClientCredentialsTokenCredential"/> class.</summary>
    /// <param name="http">Gives the HttpClient for a token request (a factory-made client of the connector).</param>
    /// <param name="endpoint">The token endpoint.</param>
    /// <param name="clientId">The client id.</param>
    /// <param name="clientSecret">The client secret (from configuration or Key Vault).</param>
    /// <param name="time">The clock.</param>
    public ClientCredentialsTokenCredential(Func<HttpClient> http, Uri endpoint, string clientId, string clientSecret, TimeProvider time)
    {
        _http = http;
        _endpoint = endpoint;
        _clientId = clientId;
        _clientSecret = clientSecret;
        _time = time;
    }

    /// <inheritdoc />
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
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
            // Same exception type Azure.Identity throws, so the caller classifies both alike. The description names the
            // problem (AADSTS code); it never contains the secret.
            throw new AuthenticationFailedException($"Token request failed ({(int)response.StatusCode}): {body?["error"]} {body?["error_description"]}");
        }

        // expires_in is a number on the v2.0 endpoint and a string ("3599") on older (v1) token endpoints.
        var seconds = ExpiresIn(body["expires_in"]) ?? 3600;
        return new AccessToken(token, _time.GetUtcNow().AddSeconds(seconds));
    }

    private static int? ExpiresIn(JsonNode? value) => value switch
    {
        JsonValue v when v.TryGetValue<int>(out var number) => number,
        JsonValue v when v.TryGetValue<string>(out var text) && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };
}
