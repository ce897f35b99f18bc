using CrmBridge.Connectors;
using CrmBridge.Connectors.Erp;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline;
using CrmBridge.Pipeline.Hosting;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.Stage;
using CrmBridge.Pipeline.State;
using CrmBridge.Sandbox.Erp;
using CrmBridge.Testing.EndToEnd;
using CrmBridge.Testing.Mapping;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmBridge.EndToEnd.Tests;

/// <summary>
/// One standalone bridge process for the end-to-end tests: the real pipeline, the storage adapter under test, the real
/// ERP connector talking HTTP to the reference ERP sandbox, and the in-memory CRM as source.
/// </summary>
internal sealed class BridgeTestHost : IAsyncDisposable
{
    public static readonly SyncRoute CustomerRoute = new()
    {
        Name = "crm-account-to-erp-customer",
        SourceSystem = "crm",
        SourceEntity = "accounts",
        TargetSystem = "erp",
        TargetEntity = "customers",
        SourceKeyField = "id",
        TargetKeyField = "externalId",
        VersionField = "version",
    };

    private readonly ServiceProvider _provider;
    private readonly HostedServices _host;

    public BridgeTestHost(IStorageUnderTest storage, ErpSandbox erp, InMemoryCrmConnector crm, Action<PipelineOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        storage.Register(services);
        services.AddSingleton<IConnector>(crm);
        services.AddCrmBridgeErpConnector(o =>
        {
            o.BaseUrl = erp.BaseAddress.ToString();
            o.ApiKey = erp.ApiKey;
            o.Timeout = TimeSpan.FromSeconds(5);
        });
        services.AddSingleton<IRecordMapper>(new PassThroughMapper([CustomerRoute]));
        services.AddCrmBridgePipeline();
        services.Configure<PipelineOptions>(o =>
        {
            o.BaseRetryDelay = TimeSpan.FromMilliseconds(100);
            o.MaxRetryDelay = TimeSpan.FromSeconds(2);
            o.IdleDelay = TimeSpan.FromMilliseconds(50);
            o.VisibilityTimeout = TimeSpan.FromSeconds(30);
            o.CircuitOpenDuration = TimeSpan.FromMilliseconds(500);
            configure?.Invoke(o);
        });
        services.AddCrmBridgeStandaloneHost([]);
        _provider = services.BuildServiceProvider();
        _host = new HostedServices(_provider);
    }

    public IWorkQueue Queue => _provider.GetRequiredService<IWorkQueue>();

    public IServiceProvider Services => _provider;

    public ISyncStateStore State => _provider.GetRequiredService<ISyncStateStore>();

    public SyncStage Stage => _provider.GetRequiredService<SyncStage>();

    public DeadLetterService DeadLetters => _provider.GetRequiredService<DeadLetterService>();

    public SyncWorker Worker => _provider.GetRequiredService<SyncWorker>();

    public Task StartAsync() => _host.StartAsync();

    public Task StopAsync() => _host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _provider.DisposeAsync();
    }
}
