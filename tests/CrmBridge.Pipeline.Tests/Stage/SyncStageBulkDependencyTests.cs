using CrmBridge.Connectors;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using CrmBridge.Pipeline.Tests.Fakes;
using Moq;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Stage;

public sealed class SyncStageBulkDependencyTests
{
    private readonly StageHarness _h = new();

    [Fact]
    public async Task HandleBatchAsync_OrdersOfUnknownCustomers_OneBulkReadThenBatchedCustomerAndOrderWrites()
    {
        const int Orders = 30;
        const int Customers = 12;
        _h.Target.MaxBatch = 5;
        for (var c = 0; c < Customers; c++)
        {
            var id = $"A{c}";
            _h.Source.Setup(s => s.GetAsync("accounts", id, It.IsAny<CancellationToken>()))
                .ReturnsAsync(new SourceRecord(id, StageHarness.Account(id, "Customer " + id), "1"));
        }

        var items = Enumerable.Range(0, Orders)
            .Select(i => (StageHarness.Envelope("orders", StageHarness.Order($"O{i}", $"A{i % Customers}", $"SO-{i}"), $"O{i}"), 1))
            .ToList();

        var result = await _h.Stage.HandleBatchAsync(items, CancellationToken.None);

        Assert.Equal(Orders + Customers, result.Count(SyncOutcomeKind.Delivered));
        var read = Assert.Single(_h.BulkReads);
        Assert.Equal("accounts", read.Entity);
        Assert.Equal(Customers, read.Ids.Count);
        Assert.Equal(((Customers + 4) / 5) + ((Orders + 4) / 5), _h.Target.BatchCalls);
        Assert.Equal(0, _h.Target.UpsertCalls);
        for (var i = 0; i < Orders; i++)
        {
            var customer = _h.Target.Records[$"customers|A{i % Customers}"];
            Assert.Equal(customer.Id, _h.Target.Records[$"salesOrders|O{i}"].Data["customerId"]!.ToString());
        }
    }

    [Fact]
    public async Task HandleBatchAsync_CustomerAndItsOrdersInOneBatch_CustomerGoesFirstWithoutAnyRead()
    {
        var items = new List<(ChangeEnvelope, int)>
        {
            (StageHarness.Envelope("orders", StageHarness.Order("O1", "A1", "SO-1"), "O1"), 1),
            (StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme"), "A1"), 1),
            (StageHarness.Envelope("orders", StageHarness.Order("O2", "A1", "SO-2"), "O2"), 1),
        };

        var result = await _h.Stage.HandleBatchAsync(items, CancellationToken.None);

        Assert.Equal(3, result.Count(SyncOutcomeKind.Delivered));
        Assert.Empty(_h.BulkReads);
        Assert.Equal(1, _h.Target.BatchCalls); // the two orders
        Assert.Equal(1, _h.Target.UpsertCalls); // the customer, alone in its round
        var customer = _h.Target.Records["customers|A1"];
        Assert.Equal(customer.Id, _h.Target.Records["salesOrders|O2"].Data["customerId"]!.ToString());
    }

    [Fact]
    public async Task HandleBatchAsync_BulkReadFailsTransiently_OrdersWaitAndCustomerIsRetried()
    {
        _h.Source.Setup(s => s.GetManyAsync("accounts", It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConnectorException("crm", ErrorKind.Transient, "HTTP_503", "unavailable", 503));
        var items = Enumerable.Range(0, 3).Select(i => (StageHarness.Envelope("orders", StageHarness.Order($"O{i}", "A1", $"SO-{i}"), $"O{i}"), 1)).ToList();

        var result = await _h.Stage.HandleBatchAsync(items, CancellationToken.None);

        Assert.Empty(_h.Target.Records);
        Assert.Empty(_h.State.DeadLetters);
        Assert.Single(_h.Queue.Enqueued, e => e.Envelope.Entity == "accounts"); // one retry chain for the customer
        Assert.Equal(3, _h.Queue.Enqueued.Count(e => e.Envelope.Entity == "orders"));
        Assert.Equal(0, result.Count(SyncOutcomeKind.Delivered));
    }

    [Fact]
    public async Task HandleBatchAsync_ThreeChangesOfOneRecord_OneWriteOfTheNewest()
    {
        var items = new List<(ChangeEnvelope, int)>
        {
            (StageHarness.Envelope("accounts", StageHarness.Account("A1", "First", modified: 1), "A1"), 1),
            (StageHarness.Envelope("accounts", StageHarness.Account("A1", "Third", modified: 3), "A1"), 1),
            (StageHarness.Envelope("accounts", StageHarness.Account("A1", "Second", modified: 2), "A1"), 1),
        };

        await _h.Stage.HandleBatchAsync(items, CancellationToken.None);

        Assert.Equal(1, _h.Target.UpsertCalls + _h.Target.BatchCalls);
        Assert.Equal("Third", _h.Target.Records["customers|A1"].Data["name"]!.ToString());
    }
}
