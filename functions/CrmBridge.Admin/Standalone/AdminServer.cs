using CrmBridge.Admin.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Admin.Standalone;

/// <summary>
/// The standalone host's admin page: a small Kestrel server, started and stopped with the host, that hands every request
/// to the <see cref="AdminDispatcher"/> of the host's own services (the same dispatcher the Functions trigger calls).
/// </summary>
/// <param name="services">The host's services.</param>
/// <param name="endpoint">Where to listen.</param>
/// <param name="logger">The logger.</param>
public sealed class AdminServer(IServiceProvider services, AdminEndpoint endpoint, ILogger<AdminServer> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>Gets the address the page is served on, once started (the actual port when <see cref="AdminEndpoint.Port"/> is 0).</summary>
    public Uri? Address { get; private set; }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var dispatcher = services.GetRequiredService<AdminDispatcher>();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 4 * 1024 * 1024; // a pasted record, not an upload
            k.Listen(endpoint.Address, endpoint.Port);
        });
        var oidc = services.GetRequiredService<IOptions<AdminOptions>>().Value.Oidc;
        if (oidc.Enabled)
        {
            AdminOidcSetup.Add(builder.Services, oidc);
        }

        _app = builder.Build();
        if (oidc.Enabled)
        {
            _app.UseAuthentication(); // answers /signin-oidc and reads the session cookie into HttpContext.User
        }

        _app.Run(context => dispatcher.HandleAsync(context, "/", context.Request.Path.Value ?? ""));
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(bound.EndsWith('/') ? bound : bound + "/");
        AdminLog.Listening(logger, Address.ToString());
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
