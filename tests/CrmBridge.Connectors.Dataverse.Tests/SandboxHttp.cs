using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Dataverse;

namespace CrmBridge.Connectors.Dataverse.Tests;

/// <summary>Raw HTTP to the Dataverse emulator, signed in with the sandbox's client credentials.</summary>
internal static class SandboxHttp
{
    /// <summary>Gets a client on the emulator's Web API address with a bearer token.</summary>
    /// <param name="sandbox">The emulator.</param>
    /// <returns>The client (the caller disposes it).</returns>
    public static async Task<HttpClient> ClientAsync(DataverseSandbox sandbox)
    {
        var http = new HttpClient { BaseAddress = sandbox.ApiAddress };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "sandbox-client", ["client_secret"] = "sandbox-secret", ["grant_type"] = "client_credentials", ["scope"] = sandbox.BaseAddress + ".default",
        });
        var token = await (await http.PostAsync(sandbox.TokenEndpoint("t"), form)).Content.ReadFromJsonAsync<JsonObject>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!["access_token"]!.GetValue<string>());
        return http;
    }
}
