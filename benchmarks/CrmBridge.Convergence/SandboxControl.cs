using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Convergence;

/// <summary>The control API of <c>crmbridge sandbox</c> (docs/sandbox.md), through a factory-made client.</summary>
internal sealed class SandboxControl : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly HttpClient _http;

    public SandboxControl(Uri control)
    {
        _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        _http = _services.GetRequiredService<IHttpClientFactory>().CreateClient("sandbox-control");
        _http.BaseAddress = control;
    }

    public async Task<JsonNode> GetAsync(string path) => JsonNode.Parse(await _http.GetStringAsync(new Uri(path, UriKind.RelativeOrAbsolute)))!;

    public async Task PostAsync(string path) => (await _http.PostAsync(new Uri(path, UriKind.Relative), null)).EnsureSuccessStatusCode();

    public async Task DeleteAsync(string path) => (await _http.DeleteAsync(new Uri(path, UriKind.Relative))).EnsureSuccessStatusCode();

    public Task SetErpFaultRateAsync(double rate, string kind = "ServerError") =>
        rate > 0 ? PostAsync("erp/faults?rate=" + rate.ToString(CultureInfo.InvariantCulture) + "&kind=" + Uri.EscapeDataString(kind)) : DeleteAsync("erp/faults");

    public Task OutageAsync(bool on) => PostAsync("erp/outage?on=" + (on ? "true" : "false"));

    public async Task EditAsync(string entity, string id, string field, string value)
    {
        using var content = JsonContent.Create(new JsonObject { [field] = value });
        (await _http.PatchAsync(new Uri($"crm/records/{entity}/{id}", UriKind.Relative), content)).EnsureSuccessStatusCode();
    }

    public async Task<string> CreateAsync(string entity, JsonObject fields)
    {
        using var content = JsonContent.Create(fields);
        using var response = await _http.PostAsync(new Uri($"crm/records/{entity}", UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
    }

    public async Task<long> ApiCallsAsync()
    {
        var status = await GetAsync("status");
        return status["crm"]!["apiCalls"]!.GetValue<long>() + status["erp"]!["apiCalls"]!.GetValue<long>();
    }

    public void Dispose()
    {
        _http.Dispose();
        _services.Dispose();
    }
}
