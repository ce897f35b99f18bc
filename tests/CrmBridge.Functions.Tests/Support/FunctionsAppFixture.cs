using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using CrmBridge.Connectors;
using CrmBridge.Connectors.Webhooks;
using CrmBridge.Hosting;
using CrmBridge.Pipeline.State;
using CrmBridge.Sandbox.Erp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace CrmBridge.Functions.Tests.Support;

/// <summary>
/// The Functions app's services as the worker builds them (<c>AddCrmBridgeFunctions</c> from app settings) against a
/// real Azurite (<c>CRMBRIDGE_TEST_STORAGE</c>) and a reference ERP sandbox on loopback, plus the in-memory test CRM.
/// Each fixture gets its own queue, tables, claim container and mappings folder, and deletes them afterwards.
/// </summary>
public class FunctionsAppFixture : IAsyncLifetime
{
    public const string CrmSecret = "test-crm-secret";
    public const string ErpWebhookKey = "erp-webhook-key-for-tests";

    private readonly string _id = Guid.NewGuid().ToString("N")[..12];
    private readonly string _mappings = Path.Combine(Path.GetTempPath(), "crmbridge-fn-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider? _services;
    private ErpSandbox? _erp;

    public string StorageConnection { get; } = Environment.GetEnvironmentVariable("CRMBRIDGE_TEST_STORAGE") is { Length: > 0 } s
        ? s
        : throw new InvalidOperationException("CRMBRIDGE_TEST_STORAGE is not set: run the tests through scripts/test.sh (it starts Azurite).");

    public string QueueName => $"fn-{_id}";

    public string TablePrefix => $"fn{_id}";

    public string ClaimContainer => $"fn-claims-{_id}";

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("Not initialised.");

    public ErpSandbox Erp => _erp ?? throw new InvalidOperationException("Not initialised.");

    public TestCrm Crm { get; } = new();

    public TestQueue Queue => new(new QueueClient(StorageConnection, QueueName));

    public TestQueue PoisonQueue => new(new QueueClient(StorageConnection, QueueName + "-poison"));

    public IConfiguration Configuration { get; private set; } = new ConfigurationBuilder().Build();

    public T Create<T>() => ActivatorUtilities.CreateInstance<T>(Services);

    public async Task InitializeAsync()
    {
        _erp = await ErpSandbox.StartAsync(new ErpSandboxOptions { ApiKey = "erp-key-" + _id });
        Directory.CreateDirectory(_mappings);
        await File.WriteAllTextAsync(Path.Combine(_mappings, "testcrm-account-to-erp.yaml"), AccountMapping, Encoding.UTF8);

        var settings = new Dictionary<string, string?>
        {
            [ConfigurationKeys.HostStorage] = StorageConnection,
            [ConfigurationKeys.QueueName] = QueueName,
            [$"{ConfigurationKeys.StorageAzure}:TablePrefix"] = TablePrefix,
            [$"{ConfigurationKeys.StorageAzure}:ClaimCheckContainer"] = ClaimContainer,
            [ConfigurationKeys.MappingsPath] = _mappings,
            ["Functions:MaxWebhookBodyBytes"] = "4096",
            [$"{ConfigurationKeys.PollingTargets}:0:System"] = "erp",
            [$"{ConfigurationKeys.PollingTargets}:0:Entity"] = ErpEntities.Customers,
            ["Connectors:Erp:BaseUrl"] = Erp.BaseAddress.ToString(),
            ["Connectors:Erp:ApiKey"] = Erp.ApiKey,
            ["Connectors:Erp:WebhookKey"] = ErpWebhookKey,
            ["Pipeline:BaseRetryDelay"] = "00:00:01",
        };
        foreach (var (key, value) in await ExtraSettingsAsync())
        {
            settings[key] = value;
        }

        Configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        _services = BuildServices(Configuration);
        await _services.GetRequiredService<ISyncStateStore>().InitializeAsync(CancellationToken.None);
        await Queue.Client.CreateIfNotExistsAsync();
        await PoisonQueue.Client.CreateIfNotExistsAsync();
    }

    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>Builds the app's services from these settings with some overridden (the caller disposes them).</summary>
    public ServiceProvider BuildServices(IDictionary<string, string?> overrides)
    {
        var settings = Configuration.AsEnumerable().Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return BuildServices(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
    }

    private ServiceProvider BuildServices(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(Logs));
        services.AddSingleton(configuration);
        services.AddCrmBridgeFunctions(configuration);
        services.AddSingleton<IConnector>(Crm);
        services.AddSingleton<IWebhookReceiver>(new TestCrmWebhookReceiver(CrmSecret));
        return services.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>Settings a derived fixture adds or overrides (another connector, other mappings).</summary>
    protected virtual Task<IReadOnlyDictionary<string, string?>> ExtraSettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>());

    public virtual async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_erp is not null)
        {
            await _erp.DisposeAsync();
        }

        await Queue.Client.DeleteIfExistsAsync();
        await PoisonQueue.Client.DeleteIfExistsAsync();
        var tables = new TableServiceClient(StorageConnection);
        foreach (var concern in new[] { "checkpoints", "ledger", "crossrefs", "echoes", "deadletters", "synclog" })
        {
            await tables.DeleteTableAsync(TablePrefix + concern);
        }

        await new BlobServiceClient(StorageConnection).GetBlobContainerClient(ClaimContainer).DeleteIfExistsAsync();
        Directory.Delete(_mappings, recursive: true);
    }

    private const string AccountMapping = """
        mapping: testcrm-account-to-erp
        source: { system: testcrm, entity: accounts }
        target: { system: erp, entity: customers }
        key: { source: id, target: externalId }
        fields:
          name: { from: name, required: true, trim: true }
          segment: { value: STANDARD }
        """;
}
