using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Zoho;

namespace CrmBridge.Connectors.Zoho.Tests;

/// <summary>Raw HTTP to the Zoho emulator, signed in with the sandbox's refresh token.</summary>
internal static class SandboxHttp
{
    /// <summary>Gets a client on the emulator's address with a Zoho-oauthtoken.</summary>
    /// <param name="sandbox">The emulator.</param>
    /// <returns>The client (the caller disposes it).</returns>
    public static async Task<HttpClient> ClientAsync(ZohoSandbox sandbox)
    {
        var http = new HttpClient { BaseAddress = sandbox.BaseAddress };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = "sandbox-client",
            ["client_secret"] = "sandbox-secret",
            ["refresh_token"] = "sandbox-refresh-token",
        });
        var token = await (await http.PostAsync("oauth/v2/token", form)).Content.ReadFromJsonAsync<JsonObject>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Zoho-oauthtoken", token!["access_token"]!.GetValue<string>());
        return http;
    }
}
