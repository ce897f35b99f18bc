using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Cli.Sandbox;

/// <summary>Calls the control API of a running <c>crmbridge sandbox</c>, found through <c>--control URL</c> or the configuration file it wrote.</summary>
internal sealed class SandboxControlClient : IDisposable
{
    /// <summary>The configuration file <c>crmbridge sandbox</c> writes by default, and the sub-commands read.</summary>
    public const string DefaultConfigFile = "crmbridge.sandbox.json";

    private readonly ServiceProvider _services;
    private readonly HttpClient _http;

    private SandboxControlClient(Uri control)
    {
        _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        _http = _services.GetRequiredService<IHttpClientFactory>().CreateClient("sandbox-control");
        _http.BaseAddress = control;
        _http.Timeout = TimeSpan.FromMinutes(5);
    }

    /// <summary>Finds the control API.</summary>
    /// <param name="control">The <c>--control</c> URL, or <see langword="null"/>.</param>
    /// <param name="configFile">The <c>--config</c> file, or <see langword="null"/> for <see cref="DefaultConfigFile"/>.</param>
    /// <returns>The client.</returns>
    /// <exception cref="CliException">Neither gives a control URL.</exception>
    public static SandboxControlClient Open(string? control, string? configFile)
    {
        if (control is null)
        {
            var file = Path.GetFullPath(configFile ?? DefaultConfigFile);
            if (!File.Exists(file))
            {
                throw new CliException($"No sandbox configuration at '{file}': start 'crmbridge sandbox' first, or pass --config FILE or --control URL.");
            }

            control = new ConfigurationBuilder().AddJsonFile(file).Build()[SandboxSession.ControlUrlKey]
                ?? throw new CliException($"'{file}' has no {SandboxSession.ControlUrlKey}: pass the file 'crmbridge sandbox' wrote, or --control URL.");
        }

        if (!Uri.TryCreate(control.EndsWith('/') ? control : control + "/", UriKind.Absolute, out var uri))
        {
            throw new CliException($"--control '{control}' is not an absolute URL (e.g. http://127.0.0.1:5100/control/).");
        }

        return new SandboxControlClient(uri);
    }

    /// <summary>Sends a request and returns the JSON answer.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path below <c>/control/</c>, with its query.</param>
    /// <param name="body">The JSON body, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer (null for 204).</returns>
    /// <exception cref="CliException">The sandbox is not reachable or refused the request.</exception>
    public async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"The sandbox control API at {_http.BaseAddress} is not reachable ({ex.Message}): is 'crmbridge sandbox' still running?");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var json = text.Length == 0 ? null : JsonNode.Parse(text);
            if (!response.IsSuccessStatusCode)
            {
                throw new CliException($"The sandbox refused {method} /control/{path}: {json?["error"]?.GetValue<string>() ?? response.StatusCode.ToString()}");
            }

            return json;
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _services.Dispose();
    }
}
