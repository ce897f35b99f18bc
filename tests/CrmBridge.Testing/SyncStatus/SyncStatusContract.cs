using System.Text.Json.Nodes;
using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Intake;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.Stage;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CrmBridge.Testing.SyncStatus;

/// <summary>
/// The sync status on the CRM record, end to end over loopback: each CRM's real connector against its emulator, the
/// shipped mappings, the pipeline on SQLite and the reference ERP emulator. Every CRM passes it through a subclass:
/// synced + ERP number after delivery, failed + the dead letter's reason for an unmappable order, synced again after the
/// fix and a replay, and the change event of each status write — polled and pushed — costs no ERP write and no new status.
/// </summary>
public abstract partial class SyncStatusContract : IAsyncLifetime
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Gets the pipeline's services (SQLite storage, the CRM and ERP connectors, the shipped mappings, the pipeline).</summary>
    protected IServiceProvider Services { get; private set; } = null!;

    /// <summary>Gets the CRM's system name.</summary>
    protected abstract string System { get; }

    /// <summary>Gets the CRM's order entity.</summary>
    protected abstract string OrderEntity { get; }

    /// <summary>Gets the CRM entities to poll, referenced ones first (accounts, then orders).</summary>
    protected abstract IReadOnlyList<string> PollEntities { get; }

    /// <summary>Gets how many API calls the ERP emulator has answered (every one a write here: the ERP is never polled).</summary>
    protected long ErpCalls => Erp.RequestCount;

    /// <summary>Gets how many API calls the CRM emulator has answered.</summary>
    protected abstract long CrmCalls { get; }

    /// <summary>Gets the CRM calls that writing this many status outcomes of one entity in one stage batch should cost.</summary>
    /// <param name="outcomes">The outcomes.</param>
    /// <returns>⌈outcomes / batch size⌉ for CRMs with a batch write; per record otherwise.</returns>
    protected abstract long StatusWriteCalls(int outcomes);

    /// <summary>Gets how many status outcomes the batching test writes in one stage batch (within the emulator's rate limits).</summary>
    protected virtual int StatusBatchOutcomes => 150;

    /// <summary>Gets the status fields of the shipped CRM order → ERP route.</summary>
    protected SyncStatusFields Fields => OrderRoute.SyncStatus ?? throw new InvalidOperationException($"The shipped {System} order route has no syncStatus.");

    private SyncRoute OrderRoute => Services.GetRequiredService<IRecordMapper>().Routes
        .Single(r => r.SourceSystem == System && r.SourceEntity == OrderEntity && r.TargetEntity == "salesOrders");

    /// <summary>Gets the folder of the CRM's shipped mappings.</summary>
    protected abstract string MappingsDirectory { get; }

    /// <summary>Starts the CRM emulator.</summary>
    /// <returns>A task.</returns>
    protected abstract Task StartCrmAsync();

    /// <summary>Registers the CRM's connector, pointed at the emulator <see cref="StartCrmAsync"/> started.</summary>
    /// <param name="services">The pipeline's services.</param>
    protected abstract void AddCrmConnector(IServiceCollection services);

    /// <summary>Stops what <see cref="StartCrmAsync"/> started.</summary>
    /// <returns>A task.</returns>
    protected abstract ValueTask StopCrmAsync();

    /// <summary>Creates a customer and a confirmed order for it in the CRM emulator.</summary>
    /// <param name="mappable"><see langword="false"/> for an order whose number is blank (the mapping requires it).</param>
    /// <returns>The order's CRM id.</returns>
    protected abstract Task<string> CreateOrderAsync(bool mappable);

    /// <summary>Gives an unmappable order its number, as a salesperson fixing it would.</summary>
    /// <param name="orderId">The order's CRM id.</param>
    /// <returns>A task.</returns>
    protected abstract Task FixOrderAsync(string orderId);

    /// <summary>Reads an order as the CRM emulator stores it.</summary>
    /// <param name="orderId">The order's CRM id.</param>
    /// <returns>The record.</returns>
    protected abstract JsonObject ReadOrder(string orderId);

    [Fact]
    public async Task Sync_ConfirmedOrder_CrmOrderShowsSyncedAndTheErpNumber()
    {
        var id = await CreateOrderAsync(mappable: true);

        await RunAsync();

        var order = ReadOrder(id);
        var erpId = await ErpIdAsync(id);
        Assert.NotNull(erpId);
        Assert.Equal("synced", Text(order, Fields.Status));
        Assert.Equal(erpId, Text(order, Fields.ErpNumber));
        Assert.False(string.IsNullOrEmpty(Text(order, Fields.SyncedAt)));
        Assert.True(string.IsNullOrEmpty(Text(order, Fields.Error)));
    }

    [Fact]
    public async Task Sync_EchoOfTheStatusWriteByPollAndByWebhook_NoErpWriteAndNoFurtherStatusWrite()
    {
        var id = await CreateOrderAsync(mappable: true);
        await RunAsync();
        var erpCalls = ErpCalls;
        var shown = ReadOrder(id).ToJsonString();

        // The poll sees the order the status write changed; a webhook-shaped envelope (id only) makes the stage fetch it.
        var polled = await RunAsync();
        await Queue.EnqueueAsync(WebhookEnvelope(id), TimeSpan.Zero, CancellationToken.None);
        var pushed = await DrainAsync();

        Assert.Equal(erpCalls, ErpCalls);
        Assert.Equal(shown, ReadOrder(id).ToJsonString());
        foreach (var outcomes in new[] { polled, pushed })
        {
            Assert.DoesNotContain(outcomes, o => o.Kind == SyncOutcomeKind.Delivered);
            Assert.Contains(outcomes, o => o.RecordId == id && o.Kind is SyncOutcomeKind.Skipped or SyncOutcomeKind.Echo);
        }
    }

    [Fact]
    public async Task Sync_UnmappableOrder_ShowsFailedWithTheReasonThenSyncedAfterTheFixAndReplay()
    {
        var id = await CreateOrderAsync(mappable: false);
        await RunAsync();
        var letter = Assert.Single(await OpenLettersAsync(id));
        Assert.Equal("failed", Text(ReadOrder(id), Fields.Status));
        Assert.Equal(letter.Reason, Text(ReadOrder(id), Fields.Error));

        // The status write's own change event: no second dead letter, no ERP write, no second status write.
        var erpCalls = ErpCalls;
        var shown = ReadOrder(id).ToJsonString();
        var echo = await RunAsync();
        Assert.Contains(echo, o => o.RecordId == id && o.Kind == SyncOutcomeKind.Echo);
        Assert.Single(await OpenLettersAsync(id));
        Assert.Equal(erpCalls, ErpCalls);
        Assert.Equal(shown, ReadOrder(id).ToJsonString());

        await FixOrderAsync(id);
        Assert.Equal(1, await Services.GetRequiredService<DeadLetterService>().ReplayAllAsync(new DeadLetterQuery(System: System, Entity: OrderEntity), null, CancellationToken.None));
        await DrainAsync();

        var order = ReadOrder(id);
        Assert.Equal("synced", Text(order, Fields.Status));
        Assert.True(string.IsNullOrEmpty(Text(order, Fields.Error)));
        Assert.Equal(await ErpIdAsync(id), Text(order, Fields.ErpNumber));
    }

    [Fact]
    public async Task HandleBatchAsync_ManyStatusOutcomes_CostTheCrmsBatchWrites()
    {
        var ids = new List<string>();
        for (var i = 0; i < StatusBatchOutcomes; i++)
        {
            ids.Add(await CreateOrderAsync(mappable: true));
        }

        var connector = Services.GetServices<IConnector>().Single(c => c.System == System);
        await connector.GetAsync(OrderEntity, ids[0], CancellationToken.None); // the token, fetched once
        var before = CrmCalls;
        var now = DateTimeOffset.UtcNow;
        var statuses = ids.Select((id, i) => (StatusEnvelope(id, new SyncStatusUpdate(SyncStatusKind.Synced, now, $"SO-{i:D6}")), 1)).ToList();

        var result = await Services.GetRequiredService<SyncStage>().HandleBatchAsync(statuses, CancellationToken.None);

        Assert.Equal(StatusBatchOutcomes, result.Count(SyncOutcomeKind.Delivered));
        Assert.Equal(StatusWriteCalls(StatusBatchOutcomes), CrmCalls - before);
        Assert.All(ids.Select((id, i) => (Order: ReadOrder(id), Number: $"SO-{i:D6}")), o =>
        {
            Assert.Equal("synced", Text(o.Order, Fields.Status));
            Assert.Equal(o.Number, Text(o.Order, Fields.ErpNumber));
        });
    }
}
