using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Sandbox.Zoho;

/// <summary>The accounts server: refresh-token grant and access-token checks.</summary>
public sealed partial class ZohoSandbox
{
    private volatile bool _refreshTokenRevoked;

    /// <summary>Makes every issued access token expire now (the next API call gets 401 <c>INVALID_TOKEN</c>).</summary>
    public void ExpireAccessTokens() => _accessTokens.Clear();

    /// <summary>
    /// Revokes the refresh token (a user removed the app under Connected Apps) and the access tokens it issued: the
    /// accounts server then answers the refresh grant as it does for any unknown refresh token, <c>{"error":"invalid_code"}</c>.
    /// </summary>
    public void RevokeRefreshToken()
    {
        _refreshTokenRevoked = true;
        _accessTokens.Clear();
    }

    /// <summary>Authorises the refresh token again (the admin granted access anew).</summary>
    public void ReauthorizeRefreshToken() => _refreshTokenRevoked = false;

    private async Task HandleTokenAsync(HttpContext context)
    {
        Interlocked.Increment(ref _tokenRequests);
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false) : null;
        string? Field(string name) => form?[name].ToString() is { Length: > 0 } v ? v : context.Request.Query[name].ToString() is { Length: > 0 } q ? q : null;

        // Zoho's accounts server answers OAuth errors with HTTP 200 and an "error" member.
        if (Field("grant_type") != "refresh_token")
        {
            await ZohoSandboxJson.WriteAsync(context, 200, new JsonObject { ["error"] = "unsupported_grant_type" }).ConfigureAwait(false);
            return;
        }

        if (Field("client_id") != _options.ClientId || Field("client_secret") != _options.ClientSecret)
        {
            await ZohoSandboxJson.WriteAsync(context, 200, new JsonObject { ["error"] = "invalid_client" }).ConfigureAwait(false);
            return;
        }

        if (_refreshTokenRevoked || Field("refresh_token") != _options.RefreshToken)
        {
            await ZohoSandboxJson.WriteAsync(context, 200, new JsonObject { ["error"] = "invalid_code" }).ConfigureAwait(false);
            return;
        }

        var token = "1000." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) + "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _accessTokens[token] = _time.GetUtcNow() + _options.AccessTokenLifetime;
        await ZohoSandboxJson.WriteAsync(context, 200, new JsonObject
        {
            ["access_token"] = token,
            ["scope"] = "ZohoCRM.modules.ALL ZohoCRM.notifications.ALL ZohoCRM.coql.READ",
            ["api_domain"] = ApiDomain,
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)_options.AccessTokenLifetime.TotalSeconds,
        }).ConfigureAwait(false);
    }

    private bool Authenticate(HttpContext context, out string error)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string Scheme = "Zoho-oauthtoken ";
        if (!header.StartsWith(Scheme, StringComparison.Ordinal))
        {
            error = "AUTHENTICATION_FAILURE";
            return false;
        }

        var token = header[Scheme.Length..].Trim();
        if (!_accessTokens.TryGetValue(token, out var expires) || expires <= _time.GetUtcNow())
        {
            _accessTokens.TryRemove(token, out _);
            error = "INVALID_TOKEN";
            return false;
        }

        error = string.Empty;
        return true;
    }

}
