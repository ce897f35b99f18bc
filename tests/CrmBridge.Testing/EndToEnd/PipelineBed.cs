using System.Diagnostics;
using CrmBridge.Connectors.Erp;
using CrmBridge.Mappings;
using CrmBridge.Pipeline;
using CrmBridge.Pipeline.Hosting;
using CrmBridge.Pipeline.Sqlite;
using CrmBridge.Pipeline.State;
using CrmBridge.Sandbox.Erp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace CrmBridge.Testing.EndToEnd;

/// <summary>
/// The pipeline of an end-to-end test: SQLite storage in a temporary folder, the reference ERP emulator and its connector,
/// a CRM's connector and mappings, and optionally the standalone host polling some targets. The test starts and stops its
/// CRM emulator itself; the bed owns everything else and removes it on dispose.
/// </summary>
public sealed class PipelineBed : IAsyncDisposable
{
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(40);
    private ServiceProvider? _provider;
    private HostedServices? _host;

    /// <summary>Initializes a new instance of the <see cref="PipelineBed"/> class with an empty temporary folder.</summary>
    /// <param name="name">A word for the folder's name.</param>
    public PipelineBed(string name) => Directory = System.IO.Directory.CreateTempSubdirectory($"crmbridge-{name}-").FullName;

    /// <summary>Gets the temporary folder (the SQLite database lives here; a test may put its mappings here too).</summary>
    public string Directory { get; }

    /// <summary>Gets the reference ERP emulator, once <see cref="BuildAsync"/> ran.</summary>
    public ErpSandbox Erp { get; private set; } = null!;

    /// <summary>Gets the pipeline's services, once <see cref="BuildAsync"/> ran.</summary>
    public IServiceProvider Services => _provider ?? throw new InvalidOperationException("Call BuildAsync first.");

    /// <summary>Retry and idle delays short enough for a test that waits on real time.</summary>
    /// <param name="options">The options to set.</param>
    public static void ShortDelays(PipelineOptions options)
    {
        options.BaseRetryDelay = TimeSpan.FromMilliseconds(100);
        options.MaxRetryDelay = TimeSpan.FromSeconds(1);
        options.IdleDelay = TimeSpan.FromMilliseconds(50);
    }

    /// <summary>Waits (up to 40 s) until <paramref name="condition"/> holds, failing the test with <paramref name="what"/> if not.</summary>
    /// <param name="condition">What to wait for.</param>
    /// <param name="what">What it means, for the failure message.</param>
    /// <returns>A task that completes when the condition holds.</returns>
    public static async Task WaitAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < WaitTimeout, $"Timed out waiting until {what}.");
            await Task.Delay(50);
        }
    }

    /// <summary>Starts the ERP emulator and builds the pipeline; initializes the state store.</summary>
    /// <param name="mappingsDirectory">The mapping files.</param>
    /// <param name="addCrmConnector">Registers the CRM's connector, pointed at the test's emulator.</param>
    /// <param name="pollTargets">When given, the standalone host is added polling these (start it with <see cref="StartHostAsync"/>).</param>
    /// <param name="options">Changes to the pipeline options (e.g. <see cref="ShortDelays"/>).</param>
    /// <returns>A task that completes when the pipeline is built.</returns>
    public async Task BuildAsync(string mappingsDirectory, Action<IServiceCollection> addCrmConnector, IReadOnlyList<PollTarget>? pollTargets = null, Action<PipelineOptions>? options = null)
    {
        Erp = await ErpSandbox.StartAsync(new ErpSandboxOptions { ApiKey = "bed-" + Guid.NewGuid().ToString("N") });
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddCrmBridgeSqliteStorage(o => o.Path = Path.Combine(Directory, "bridge.db"));
        services.AddCrmBridgeErpConnector(o =>
        {
            o.BaseUrl = Erp.BaseAddress.ToString();
            o.ApiKey = Erp.ApiKey;
        });
        addCrmConnector(services);
        services.AddCrmBridgeMappings(mappingsDirectory);
        services.AddCrmBridgePipeline();
        if (options is not null)
        {
            services.Configure(options);
        }

        if (pollTargets is not null)
        {
            services.AddCrmBridgeStandaloneHost(pollTargets);
        }

        _provider = services.BuildServiceProvider();
        await Services.GetRequiredService<ISyncStateStore>().InitializeAsync(CancellationToken.None);
    }

    /// <summary>Starts the hosted services (the standalone host's pollers and workers).</summary>
    /// <returns>A task that completes when all have started.</returns>
    public Task StartHostAsync() => (_host = new HostedServices(Services)).StartAsync();

    /// <summary>Stops what <see cref="StartHostAsync"/> started, disposes the pipeline and the ERP emulator, removes the folder.</summary>
    /// <returns>A task that completes when all is gone.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
        }

        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }

        if (Erp is not null)
        {
            await Erp.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a pooled handle on a slow machine; the temp cleaner removes it
        }
    }
}
