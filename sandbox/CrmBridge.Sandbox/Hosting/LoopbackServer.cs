using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Sandbox.Hosting;

/// <summary>
/// Hosts an emulator on a free loopback port (real HTTP over 127.0.0.1, never another address) and counts the API calls
/// it served. Emulators build on it: <c>await LoopbackServer.StartAsync(app =&gt; app.MapGet(...))</c>.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _requests;

    private LoopbackServer(WebApplication app) => _app = app;

    /// <summary>Gets the base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Gets how many requests the server has received (API calls, including failed ones).</summary>
    public long RequestCount => Interlocked.Read(ref _requests);

    /// <summary>Starts a server.</summary>
    /// <param name="configure">Maps the emulator's endpoints (and may add middleware).</param>
    /// <param name="configureServices">Adds services, optionally.</param>
    /// <param name="port">A fixed port, or 0 for a free one.</param>
    /// <returns>The started server.</returns>
    public static async Task<LoopbackServer> StartAsync(Action<WebApplication> configure, Action<IServiceCollection>? configureServices = null, int port = 0)
    {
        // No configuration reload: the default watches the content root (the current directory) recursively, which
        // costs CPU and file watchers when the demo is started from a large folder. The sandbox reads no files anyway.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 64 * 1024 * 1024);
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        var server = new LoopbackServer(app);
        app.Use((context, next) =>
        {
            Interlocked.Increment(ref server._requests);
            return next(context);
        });
        configure(app);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
