using System.Text.Json.Nodes;
using CrmBridge.Mappings;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.Sqlite;
using CrmBridge.Pipeline.Stage;
using CrmBridge.Pipeline.State;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace CrmBridge.Connectors.Staging.Tests;

/// <summary>
/// What the ERP job assigns on acceptance reaches the pipeline's cross-reference, through the real sync stage (SQLite state,
/// the mapping engine) and the real ERP emulator on PostgreSQL: <c>customer</c> lookups give the business key before and
/// after acceptance; <c>customer.erp_number</c> lookups give the ERP's number once the acceptance is recorded.
/// </summary>
public sealed class AcceptanceCrossReferenceTests : IAsyncLifetime
{
    private const string Lookups = """
        lookups:
          customer: { system: crm, entity: accounts, target: { system: staging, entity: customer } }
          customerNumber: { system: crm, entity: accounts, target: { system: staging, entity: customer.erp_number } }
        """;

    private const string Customers = """
        mapping: crm-account-to-staging-customer
        source: { system: crm, entity: accounts }
        target: { system: staging, entity: customer }
        key: { source: id, target: externalId }
        onDelete: ignore
        fields:
          name: { from: name }
        """;

    private const string Orders = """
        mapping: crm-order-to-staging-sales-order
        source: { system: crm, entity: orders }
        target: { system: staging, entity: sales_order }
        key: { source: id, target: externalId }
        onDelete: ignore
        fields:
          orderNumber: { from: orderNumber, required: true }
          customerId: { from: customerId, lookup: customer, required: true }
        collections:
          lines:
            from: lines
            fields:
              sku: { from: sku, required: true }
              quantity: { from: quantity }
        """;

    // The same order mapping for an ERP job that wants its own customer number on the order row.
    private static readonly string OrdersWithNumber = Orders.Replace(
        "  customerId: { from: customerId, lookup: customer, required: true }",
        "  customerId: { from: customerId, lookup: customer, required: true }\n  customerNumber: { from: customerId, lookup: customerNumber, required: true }",
        StringComparison.Ordinal);

    // An order mapping that references its customer only by the ERP's number.
    private static readonly string OrdersByNumberOnly = Orders.Replace(
        "  customerId: { from: customerId, lookup: customer, required: true }",
        "  customerNumber: { from: customerId, lookup: customerNumber, required: true }",
        StringComparison.Ordinal);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"crmbridge-acceptance-{Guid.NewGuid():N}");
    private readonly TestCrm _crm = new();
    private StagingTestBed _bed = null!;
    private ServiceProvider _services = null!;

    private ISyncStateStore State => _services.GetRequiredService<ISyncStateStore>();

    public async Task InitializeAsync() => _bed = await StagingTestBed.StartAsync(materials: ["P-1"]);

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await _bed.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task SurfaceAsync_ErpAcceptsStagedCustomer_CrossReferenceHoldsErpIdAndNumber()
    {
        await StartPipelineAsync(Orders);
        _crm.Put("accounts", "acc-1", new JsonObject { ["name"] = "Ningbo Pumps" });
        await HandleAsync("accounts", "acc-1");
        Assert.Equal(1, (await _bed.Erp.RunOnceAsync()).Accepted);
        var (erpId, erpNumber) = await ErpIdentityAsync("customer", "acc-1");
        Assert.Null(await State.FindCrossReferenceAsync(Account("acc-1"), "staging", "customer.erp_number", CancellationToken.None));

        Assert.Equal(1, await Surfacer.SurfaceAsync(10, CancellationToken.None));

        Assert.Equal(erpNumber, await State.FindCrossReferenceAsync(Account("acc-1"), "staging", "customer.erp_number", CancellationToken.None));
        Assert.Equal(erpId, await State.FindCrossReferenceAsync(Account("acc-1"), "staging", "customer.erp_id", CancellationToken.None));
        Assert.Equal("acc-1", await State.FindCrossReferenceAsync(new RecordRef("staging", "customer.erp_number", erpNumber), "crm", "accounts", CancellationToken.None));
        Assert.Equal("acc-1", await State.FindCrossReferenceAsync(Account("acc-1"), "staging", "customer", CancellationToken.None));
        Assert.Equal("crmbridge:recorded", await _bed.ScalarAsync<string>($"SELECT locked_by FROM {_bed.Staging} WHERE business_key = 'acc-1'"));
        Assert.Equal(0, await Surfacer.SurfaceAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task HandleBatchAsync_OrderOfCustomerNotYetAccepted_ReferencesBusinessKeyAndStaysUnchangedAfterAcceptance()
    {
        await StartPipelineAsync(Orders);
        _crm.Put("accounts", "acc-2", new JsonObject { ["name"] = "Suzhou Valves" });
        _crm.Put("orders", "ord-2", Order("SO-2", "acc-2"));

        await HandleAsync("orders", "ord-2"); // stages the customer first (dependency), then the order: nothing accepted yet

        Assert.Equal("acc-2", await PayloadFieldAsync("sales_order", "ord-2", "customerId"));
        var run = await _bed.Erp.RunOnceAsync();
        Assert.Equal(2, run.Accepted);
        Assert.Equal(2, await Surfacer.SurfaceAsync(10, CancellationToken.None));
        var hash = await _bed.ScalarAsync<string>($"SELECT payload_hash FROM {_bed.Staging} WHERE business_key = 'ord-2'");

        _crm.Put("orders", "ord-2", Order("SO-2", "acc-2")); // a new version with the same content, after the customer's acceptance
        await HandleAsync("orders", "ord-2");

        Assert.Equal("acc-2", await PayloadFieldAsync("sales_order", "ord-2", "customerId"));
        Assert.Equal(hash, await _bed.ScalarAsync<string>($"SELECT payload_hash FROM {_bed.Staging} WHERE business_key = 'ord-2'"));
        Assert.Equal("done", await _bed.StatusAsync("sales_order", "ord-2"));
    }

    [Fact]
    public async Task HandleBatchAsync_OrderStagedAfterCustomerAccepted_CarriesErpNumberAndIsBookedByIt()
    {
        await StartPipelineAsync(OrdersWithNumber);
        _crm.Put("accounts", "acc-3", new JsonObject { ["name"] = "Wuxi Motors" });
        _crm.Put("orders", "ord-3", Order("SO-3", "acc-3"));

        var before = await HandleAsync("orders", "ord-3");

        Assert.Equal(1, before.Count(SyncOutcomeKind.Deferred)); // the customer is staged, its ERP number not known yet
        Assert.Equal("pending", await _bed.StatusAsync("customer", "acc-3"));
        Assert.Null(await _bed.StatusAsync("sales_order", "ord-3"));
        Assert.Equal(1, (await _bed.Erp.RunOnceAsync()).Accepted);
        Assert.Equal(1, await Surfacer.SurfaceAsync(10, CancellationToken.None));
        var (_, erpNumber) = await ErpIdentityAsync("customer", "acc-3");

        var after = await HandleAsync("orders", "ord-3");

        Assert.Equal(1, after.Count(SyncOutcomeKind.Delivered));
        Assert.Equal("acc-3", await PayloadFieldAsync("sales_order", "ord-3", "customerId"));
        Assert.Equal(erpNumber, await PayloadFieldAsync("sales_order", "ord-3", "customerNumber"));
        Assert.Equal(1, (await _bed.Erp.RunOnceAsync()).Accepted);
        Assert.Equal(
            await _bed.ScalarAsync<long>($"SELECT id FROM \"{_bed.Schema}\".erp_customer WHERE number = @n", ("n", erpNumber)),
            await _bed.ScalarAsync<long>($"SELECT customer_id FROM \"{_bed.Schema}\".erp_sales_order WHERE external_code = 'ord-3'"));
    }

    [Fact]
    public async Task HandleBatchAsync_OrderLooksUpOnlyTheErpNumber_StagesTheCustomerFirstAndDefersTheOrder()
    {
        await StartPipelineAsync(OrdersByNumberOnly);
        _crm.Put("accounts", "acc-5", new JsonObject { ["name"] = "Foshan Tiles" });
        _crm.Put("orders", "ord-5", Order("SO-5", "acc-5"));

        var before = await HandleAsync("orders", "ord-5");

        Assert.Equal(1, before.Count(SyncOutcomeKind.Deferred));
        Assert.Equal("pending", await _bed.StatusAsync("customer", "acc-5")); // delivered through the customer route
        Assert.Equal(1, (await _bed.Erp.RunOnceAsync()).Accepted);
        Assert.Equal(1, await Surfacer.SurfaceAsync(10, CancellationToken.None));

        Assert.Equal(1, (await HandleAsync("orders", "ord-5")).Count(SyncOutcomeKind.Delivered));
        Assert.Equal((await ErpIdentityAsync("customer", "acc-5")).Number, await PayloadFieldAsync("sales_order", "ord-5", "customerNumber"));
    }

    [Fact]
    public async Task SurfaceAsync_RejectedThenReplayedThenAccepted_CrossReferenceEndsWithErpNumber()
    {
        await StartPipelineAsync(Orders);
        _crm.Put("accounts", "acc-4", new JsonObject { ["city"] = "Hangzhou" }); // no name
        await HandleAsync("accounts", "acc-4");
        Assert.Equal(1, (await _bed.Erp.RunOnceAsync()).Rejected); // 客户名称不能为空
        Assert.Equal(1, await Surfacer.SurfaceAsync(10, CancellationToken.None));
        var deadLetters = _services.GetRequiredService<DeadLetterService>();
        var letter = Assert.Single(await deadLetters.ListAsync(new DeadLetterQuery(DeadLetterStatus.Open), CancellationToken.None));
        Assert.Null(await State.FindCrossReferenceAsync(Account("acc-4"), "staging", "customer.erp_number", CancellationToken.None));

        _crm.Put("accounts", "acc-4", new JsonObject { ["name"] = "Hangzhou Fans" });
        Assert.Equal(ReplayOutcome.Replayed, await deadLetters.TryReplayAsync(letter.Id, CancellationToken.None));
        var queue = _services.GetRequiredService<IWorkQueue>();
        var replay = Assert.Single(await queue.ReceiveAsync(10, TimeSpan.FromMinutes(1), CancellationToken.None));
        await _services.GetRequiredService<SyncStage>().HandleBatchAsync([(replay.Envelope, replay.DequeueCount)], CancellationToken.None);
        await queue.CompleteAsync(replay, CancellationToken.None);
        Assert.Equal(1, (await _bed.Erp.RunOnceAsync()).Accepted);

        Assert.Equal(1, await Surfacer.SurfaceAsync(10, CancellationToken.None));

        var (erpId, erpNumber) = await ErpIdentityAsync("customer", "acc-4");
        Assert.Equal(erpNumber, await State.FindCrossReferenceAsync(Account("acc-4"), "staging", "customer.erp_number", CancellationToken.None));
        Assert.Equal(erpId, await State.FindCrossReferenceAsync(Account("acc-4"), "staging", "customer.erp_id", CancellationToken.None));
    }

    private RejectionSurfacer Surfacer => _services.GetRequiredService<RejectionSurfacer>();

    private static RecordRef Account(string id) => new("crm", "accounts", id);

    private static JsonObject Order(string number, string customer) => new()
    {
        ["orderNumber"] = number,
        ["customerId"] = customer,
        ["lines"] = new JsonArray(new JsonObject { ["sku"] = "P-1", ["quantity"] = 2 }),
    };

    private async Task StartPipelineAsync(string orders)
    {
        Directory.CreateDirectory(_folder);
        await File.WriteAllTextAsync(Path.Combine(_folder, "lookups.yaml"), Lookups);
        await File.WriteAllTextAsync(Path.Combine(_folder, "customers.yaml"), Customers);
        await File.WriteAllTextAsync(Path.Combine(_folder, "orders.yaml"), orders);
        var loaded = MappingLoader.LoadDirectory(_folder);
        Assert.True(loaded.IsValid, string.Join(Environment.NewLine, loaded.Diagnostics));

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCrmBridgeSqliteStorage(o => o.Path = Path.Combine(_folder, "state.db"));
        services.AddSingleton<IConnector>(_crm);
        services.AddCrmBridgeStagingConnector(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connectors:Staging:ConnectionString"] = new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString) { Username = _bed.Role }.ConnectionString,
            ["Connectors:Staging:Schema"] = _bed.Schema,
        }).Build());
        services.AddSingleton<IRecordMapper>(new MappingEngine(loaded.Set!));
        services.AddCrmBridgePipeline();
        _services = services.BuildServiceProvider();
        await State.InitializeAsync(CancellationToken.None);
    }

    private Task<StageResult> HandleAsync(string entity, string id) => _services.GetRequiredService<SyncStage>().HandleBatchAsync(
        [(new ChangeEnvelope
        {
            Id = Guid.NewGuid().ToString("N"),
            System = "crm",
            Entity = entity,
            RecordId = id,
            CorrelationId = Guid.NewGuid().ToString("N"),
            FirstSeen = DateTimeOffset.UtcNow,
            Origin = EnvelopeOrigins.Poll,
        }, 1)],
        CancellationToken.None);

    private async Task<(string Id, string Number)> ErpIdentityAsync(string entity, string key) =>
        (await _bed.ScalarAsync<string>($"SELECT erp_id FROM {_bed.Staging} WHERE entity_type = @e AND business_key = @k", ("e", entity), ("k", key)) ?? throw new InvalidOperationException("no erp_id"),
         await _bed.ScalarAsync<string>($"SELECT erp_number FROM {_bed.Staging} WHERE entity_type = @e AND business_key = @k", ("e", entity), ("k", key)) ?? throw new InvalidOperationException("no erp_number"));

    private Task<string?> PayloadFieldAsync(string entity, string key, string field) =>
        _bed.ScalarAsync<string>($"SELECT payload->>@f FROM {_bed.Staging} WHERE entity_type = @e AND business_key = @k", ("f", field), ("e", entity), ("k", key));
}
