using System.Globalization;
using System.Text.Json.Nodes;
using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.Sqlite;
using CrmBridge.Pipeline.Stage;
using CrmBridge.Pipeline.State;
using CrmBridge.Testing.Mapping;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace CrmBridge.Connectors.Staging.Tests;

/// <summary>
/// The asynchronous rejection loop through the real pipeline: a CRM order is staged, the ERP job rejects it (unknown
/// material), the rejection becomes a dead letter naming the ERP's message and the CRM record, and replaying it after the
/// ERP learns the material re-stages the order, which the ERP then books.
/// </summary>
public sealed class RejectionReplayTests : IAsyncLifetime
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"crmbridge-rejections-{Guid.NewGuid():N}.db");
    private StagingTestBed _bed = null!;
    private ServiceProvider _services = null!;
    private readonly TestCrm _crm = new();

    public async Task InitializeAsync()
    {
        _bed = await StagingTestBed.StartAsync();
        var routes = new[]
        {
            Route("crm-account-to-staging-customer", "accounts", "customer"),
            Route("crm-order-to-staging-sales-order", "orders", "sales_order"),
        };
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCrmBridgeSqliteStorage(o => o.Path = _database);
        services.AddSingleton<IConnector>(_crm);
        services.AddCrmBridgeStagingConnector(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connectors:Staging:ConnectionString"] = new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString) { Username = _bed.Role }.ConnectionString,
            ["Connectors:Staging:Schema"] = _bed.Schema,
        }).Build());
        services.AddSingleton<IRecordMapper>(new PassThroughMapper(routes));
        services.AddCrmBridgePipeline();
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<ISyncStateStore>().InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _bed.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }

    [Fact]
    public async Task SurfaceAsync_ErpRejectsStagedOrder_DeadLetterNamesMessageAndReplayIsBooked()
    {
        _crm.Put("accounts", "acc-1", new JsonObject { ["name"] = "Ningbo Pumps" });
        _crm.Put("orders", "ord-1", new JsonObject { ["orderNumber"] = "SO-1", ["customerId"] = "acc-1", ["lines"] = new JsonArray(new JsonObject { ["sku"] = "P-NEW", ["quantity"] = 2 }) });
        var stage = _services.GetRequiredService<SyncStage>();
        await stage.HandleBatchAsync([(Envelope("accounts", "acc-1"), 1), (Envelope("orders", "ord-1"), 1)], CancellationToken.None);
        Assert.Equal((2, 1, 1), Tuple(await _bed.Erp.RunOnceAsync()));

        var surfaced = await _services.GetRequiredService<RejectionSurfacer>().SurfaceAsync(10, CancellationToken.None);

        Assert.Equal(2, surfaced); // the order the ERP rejected, and the customer it accepted (recorded, not dead-lettered)
        var deadLetters = _services.GetRequiredService<DeadLetterService>();
        var letter = Assert.Single(await deadLetters.ListAsync(new DeadLetterQuery(DeadLetterStatus.Open), CancellationToken.None));
        Assert.Equal(new RecordRef("crm", "orders", "ord-1"), letter.Envelope.Source);
        Assert.Equal("crm-order-to-staging-sales-order", letter.Route);
        Assert.Equal("MATERIAL_NOT_FOUND", letter.ErrorCode);
        Assert.Contains("物料[P-NEW]不存在 (unknown material)", letter.Reason, StringComparison.Ordinal);
        Assert.Contains("crm/orders/ord-1", letter.Reason, StringComparison.Ordinal);
        Assert.Equal("dead", await _bed.StatusAsync("sales_order", "ord-1"));
        Assert.Equal(0, await _services.GetRequiredService<RejectionSurfacer>().SurfaceAsync(10, CancellationToken.None));

        await _bed.Erp.AddMaterialsAsync(["P-NEW"]);
        Assert.Equal(ReplayOutcome.Replayed, await deadLetters.TryReplayAsync(letter.Id, CancellationToken.None));
        var queue = _services.GetRequiredService<IWorkQueue>();
        var replay = Assert.Single(await queue.ReceiveAsync(10, TimeSpan.FromMinutes(1), CancellationToken.None));
        await stage.HandleBatchAsync([(replay.Envelope, replay.DequeueCount)], CancellationToken.None);
        await queue.CompleteAsync(replay, CancellationToken.None);

        Assert.Equal("pending", await _bed.StatusAsync("sales_order", "ord-1"));
        Assert.Equal(1, (await _bed.Erp.RunOnceAsync()).Accepted);
        Assert.Equal("done", await _bed.StatusAsync("sales_order", "ord-1"));
        Assert.NotNull(await _bed.Erp.GetOrderAsync("ord-1"));
    }

    [Fact]
    public async Task SurfaceAsync_RejectedRowNobodySynced_DeadLetterForTheStagedRecord()
    {
        await _services.GetRequiredService<IErpConnector>().UpsertAsync(new UpsertRequest("customer", "externalId", "hand-made", new JsonObject { ["city"] = "Wuxi" }), CancellationToken.None);
        await _bed.Erp.RunOnceAsync();

        Assert.Equal(1, await _services.GetRequiredService<RejectionSurfacer>().SurfaceAsync(10, CancellationToken.None));

        var letter = Assert.Single(await _services.GetRequiredService<DeadLetterService>().ListAsync(new DeadLetterQuery(DeadLetterStatus.Open), CancellationToken.None));
        Assert.Equal(new RecordRef("staging", "customer", "hand-made"), letter.Envelope.Source);
        Assert.Equal("VALIDATION", letter.ErrorCode);
        Assert.Contains("no synced source record is known", letter.Reason, StringComparison.Ordinal);
        Assert.Equal(EnvelopeOrigins.TargetFeedback, letter.Envelope.Origin);
    }

    private static (int, int, int) Tuple(CrmBridge.Sandbox.Staging.StagingErpRun run) => (run.Claimed, run.Accepted, run.Rejected);

    private static SyncRoute Route(string name, string source, string target) => new()
    {
        Name = name,
        SourceSystem = "crm",
        SourceEntity = source,
        TargetSystem = "staging",
        TargetEntity = target,
        SourceKeyField = "id",
        TargetKeyField = "externalId",
    };

    private static ChangeEnvelope Envelope(string entity, string id) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        System = "crm",
        Entity = entity,
        RecordId = id,
        CorrelationId = Guid.NewGuid().ToString("N"),
        FirstSeen = DateTimeOffset.UtcNow,
        Origin = EnvelopeOrigins.Poll,
    };
}
