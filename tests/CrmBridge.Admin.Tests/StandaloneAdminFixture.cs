using System.Net;
using CrmBridge.Admin.Standalone;
using CrmBridge.Hosting;
using CrmBridge.Mappings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace CrmBridge.Admin.Tests;

/// <summary>The standalone host's admin page on real Kestrel (loopback, free port) over a SQLite store, signed in with an admin key.</summary>
public sealed class StandaloneAdminFixture : IAsyncLifetime
{
    public const string Key = "standalone-admin-key-for-tests-42";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("crmbridge-admin-");
    private IHost? _host;

    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    public IServiceProvider Services => _host!.Services;

    public static IHost Build(string folder, IDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [ConfigurationKeys.StorageSqlitePath] = Path.Combine(folder, "state.db") });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddCrmBridgeCore(builder.Configuration);
        builder.Services.AddCrmBridgeMappings(Path.Combine(AppContext.BaseDirectory, "mappings"));
        builder.Services.AddCrmBridgeAdminServer(builder.Configuration, new AdminEndpoint(IPAddress.Loopback, 0));
        return builder.Build();
    }

    public async Task InitializeAsync()
    {
        _host = Build(_folder.FullName, new Dictionary<string, string?> { ["Admin:Key"] = Key });
        await _host.Services.GetRequiredService<CrmBridge.Pipeline.State.ISyncStateStore>().InitializeAsync(CancellationToken.None);
        await _host.StartAsync();
        Address = _host.Services.GetRequiredService<AdminServer>().Address!;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
