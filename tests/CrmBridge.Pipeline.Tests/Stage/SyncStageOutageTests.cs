using CrmBridge.Connectors;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using CrmBridge.Pipeline.Tests.Fakes;
using Moq;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Stage;

/// <summary>Issue 11: outages are waited out, not dead-lettered; retries do not multiply through dependencies.</summary>
public sealed class SyncStageOutageTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);
    private readonly StageHarness _h = new(new PipelineOptions { Concurrency = 4, CircuitFailureThreshold = 3 });
    private readonly VirtualTimeDriver _driver;

    public SyncStageOutageTests()
    {
        _driver = new VirtualTimeDriver(_h);
        for (var c = 0; c < 20; c++)
        {
            var id = "A" + c;
            _h.Source.Setup(s => s.GetAsync("accounts", id, It.IsAny<CancellationToken>()))
                .ReturnsAsync(new SourceRecord(id, StageHarness.Account(id, "Customer " + c), "1"));
        }
    }

    [Fact]
    public async Task HandleBatchAsync_OneHourOutage_NothingDeadLetteredAndEverythingDeliveredAfter()
    {
        var recovery = Start + TimeSpan.FromHours(1);
        _h.Target.Outage = () => _h.Time.GetUtcNow() < recovery ? new ConnectorException("erp", ErrorKind.Transient, "HTTP_503", "Service Unavailable", 503) : null;
        Seed(customers: 20, ordersPerCustomer: 3);

        await _driver.RunAsync(TimeSpan.FromHours(3));

        Assert.Empty(_h.State.DeadLetters);
        Assert.Equal(20, _h.Target.Records.Keys.Count(k => k.StartsWith("customers|", StringComparison.Ordinal)));
        Assert.Equal(60, _h.Target.Records.Keys.Count(k => k.StartsWith("salesOrders|", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task HandleAsync_FailureThatOpensTheCircuit_WaitsForTheProbeWithoutSpendingAnAttempt()
    {
        var h = new StageHarness(new PipelineOptions { CircuitFailureThreshold = 1 });
        h.Target.Outage = () => new ConnectorException("erp", ErrorKind.Transient, "HTTP_503", "Service Unavailable", 503);

        await h.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Customer 1"), "A1"), 1, CancellationToken.None);

        var (envelope, delay) = Assert.Single(h.Queue.Enqueued, e => e.Envelope.RecordId == "A1");
        Assert.Equal((0, DeadLetterCodes.CircuitOpen), (envelope.Attempt, envelope.History[^1].ErrorCode));
        Assert.True(delay >= h.Options.CircuitOpenDuration - TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task HandleAsync_CustomerMeetsTheOutageAsItBegins_OrderWaitsWithoutSpendingADeferral()
    {
        // The flaky end of the one-hour outage test: an order whose customer was the call that met the outage (or a
        // failed probe) spent a deferral each time, and ten such probes dead-lettered it as DEPENDENCY_UNRESOLVED.
        var h = new StageHarness(new PipelineOptions { CircuitFailureThreshold = 1 });
        h.Source.Setup(s => s.GetAsync("accounts", "A1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SourceRecord("A1", StageHarness.Account("A1", "Customer 1"), "1"));
        h.Target.Outage = () => new ConnectorException("erp", ErrorKind.Transient, "HTTP_503", "Service Unavailable", 503);

        await h.Stage.HandleAsync(StageHarness.Envelope("orders", StageHarness.Order("O1", "A1", "SO-1"), "O1") with { Deferrals = h.Options.MaxDeferrals }, 1, CancellationToken.None);

        Assert.Empty(h.State.DeadLetters);
        var order = Assert.Single(h.Queue.Enqueued, e => e.Envelope.RecordId == "O1").Envelope;
        Assert.Equal((h.Options.MaxDeferrals, 0), (order.Deferrals, order.Attempt));
    }

    [Fact]
    public async Task HandleBatchAsync_OneHourOutage_WaitingOnTheCircuitSpendsFewCalls()
    {
        var recovery = Start + TimeSpan.FromHours(1);
        var callsInOutage = 0;
        _h.Target.Outage = () =>
        {
            if (_h.Time.GetUtcNow() >= recovery)
            {
                return null;
            }

            callsInOutage++;
            return new ConnectorException("erp", ErrorKind.Transient, "HTTP_503", "Service Unavailable", 503);
        };
        Seed(customers: 20, ordersPerCustomer: 3);

        await _driver.RunAsync(TimeSpan.FromHours(3));

        // Without the circuit every one of the 80 changes (and every order's inline customer) keeps calling the ERP; with
        // it, the outage costs the calls that open the circuit and one probe every few minutes.
        Assert.InRange(callsInOutage, 3, 40);
    }

    [Fact]
    public async Task HandleBatchAsync_CustomerFailsTransiently_OrdersDoNotStartMoreRetryChains()
    {
        _h.Target.FailNext(new ConnectorException("erp", ErrorKind.Transient, "HTTP_503", "blip", 503));
        var orders = Enumerable.Range(0, 10).Select(o => StageHarness.Envelope("orders", StageHarness.Order("O" + o, "A1", "SO-" + o), "O" + o)).ToList();

        await _h.Stage.HandleBatchAsync([(orders[0], 1)], CancellationToken.None);
        await _h.Stage.HandleBatchAsync(orders.Skip(1).Select(o => (o, 1)).ToList(), CancellationToken.None);

        Assert.Single(_h.Queue.Enqueued, e => e.Envelope.Entity == "accounts" && e.Envelope.Origin == EnvelopeOrigins.Retry);
        Assert.Equal(1, _h.Target.UpsertCalls + _h.Target.BatchCalls); // the nine later orders wait for the customer's retry
        var waiting = _h.Queue.Enqueued.Where(e => e.Envelope.Entity == "orders" && e.Envelope.RecordId != "O0").ToList();
        Assert.Equal(9, waiting.Count);
        Assert.All(waiting, e => Assert.Equal((0, 0), (e.Envelope.Deferrals, e.Envelope.Attempt))); // waiting spends nothing
        Assert.All(waiting, e => Assert.Equal(DeadLetterCodes.DependencyRetrying, e.Envelope.History[^1].ErrorCode));
    }

    [Fact]
    public async Task HandleBatchAsync_RecordDeliveredAfterItWasDeadLettered_ClosesTheLetter()
    {
        var customer = StageHarness.Envelope("accounts", StageHarness.Account("A1", ""), "A1");
        await _h.Stage.HandleAsync(customer, 1, CancellationToken.None);
        var letter = Assert.Single(_h.State.DeadLetters);

        await _h.Stage.HandleAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme", modified: 2), "A1"), 1, CancellationToken.None);

        Assert.Equal(DeadLetterStatus.Resolved, (await _h.State.GetDeadLetterAsync(letter.Id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task HandleBatchAsync_RetriesBoundedByAge_DeadLettersOnlyAfterMaxRetryAge()
    {
        _h.Target.Outage = () => new ConnectorException("erp", ErrorKind.Transient, "HTTP_503", "Service Unavailable", 503);
        _driver.Add(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme"), "A1"));

        await _driver.RunAsync(TimeSpan.FromHours(23));
        Assert.Empty(_h.State.DeadLetters);

        await _driver.RunAsync(TimeSpan.FromHours(2));
        Assert.Contains("Gave up", Assert.Single(_h.State.DeadLetters).Reason, StringComparison.Ordinal);
    }

    private void Seed(int customers, int ordersPerCustomer)
    {
        for (var c = 0; c < customers; c++)
        {
            for (var o = 0; o < ordersPerCustomer; o++)
            {
                var id = $"O{c}-{o}";
                _driver.Add(StageHarness.Envelope("orders", StageHarness.Order(id, "A" + c, "SO-" + id), id));
            }

            _driver.Add(StageHarness.Envelope("accounts", StageHarness.Account("A" + c, "Customer " + c), "A" + c));
        }
    }
}
