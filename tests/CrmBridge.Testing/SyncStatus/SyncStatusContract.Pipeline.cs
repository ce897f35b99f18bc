using CrmBridge.Connectors.Erp;
using CrmBridge.Mappings;
using CrmBridge.Pipeline;
using CrmBridge.Pipeline.Sqlite;
using CrmBridge.Pipeline.State;
using CrmBridge.Sandbox.Erp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Testing.SyncStatus;

/// <content>The pipeline every CRM's run shares: SQLite storage in a temporary folder, the reference ERP emulator and connector, the shipped mappings.</content>
public abstract partial class SyncStatusContract
{
    private readonly string _directory = Directory.CreateTempSubdirectory("crmbridge-status-").FullName;
    private ServiceProvider? _provider;

    /// <summary>Gets the reference ERP emulator the orders are delivered to.</summary>
    protected ErpSandbox Erp { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await StartCrmAsync();
        Erp = await ErpSandbox.StartAsync(new ErpSandboxOptions { ApiKey = "status-" + Guid.NewGuid().ToString("N") });
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddCrmBridgeSqliteStorage(o => o.Path = Path.Combine(_directory, "bridge.db"));
        services.AddCrmBridgeErpConnector(o =>
        {
            o.BaseUrl = Erp.BaseAddress.ToString();
            o.ApiKey = Erp.ApiKey;
        });
        AddCrmConnector(services);
        services.AddCrmBridgeMappings(MappingsDirectory);
        services.AddCrmBridgePipeline();
        _provider = services.BuildServiceProvider();
        Services = _provider;
        await Services.GetRequiredService<ISyncStateStore>().InitializeAsync(CancellationToken.None);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }

        await StopCrmAsync();
        if (Erp is not null)
        {
            await Erp.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a pooled handle on a slow machine; the temp cleaner removes it
        }
    }
}
