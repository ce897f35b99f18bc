using CrmBridge.Connectors;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using CrmBridge.Pipeline.Tests.Fakes;
using Moq;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Stage;

public sealed class SyncStageDependencyTests
{
    private readonly StageHarness _h = new();

    [Fact]
    public async Task HandleAsync_OrderWhoseCustomerNeverSynced_SyncsCustomerFirstThenOrder()
    {
        _h.Source.Setup(s => s.GetAsync("accounts", "A1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SourceRecord("A1", StageHarness.Account("A1", "Acme"), "1"));

        var result = await _h.Stage.HandleAsync(StageHarness.Envelope("orders", StageHarness.Order("O1", "A1", "SO-1"), "O1"), 1, CancellationToken.None);

        Assert.Equal(2, result.Count(SyncOutcomeKind.Delivered));
        var customer = _h.Target.Records["customers|A1"];
        var order = _h.Target.Records["salesOrders|O1"];
        Assert.Equal(customer.Id, order.Data["customerId"]!.ToString());
    }

    [Fact]
    public async Task HandleAsync_CustomerAlreadySynced_ResolvesLookupFromTheStore()
    {
        await _h.State.PutCrossReferenceAsync(new CrossReference(new RecordRef("crm", "accounts", "A1"), new RecordRef("erp", "customers", "C-42")), CancellationToken.None);

        await _h.Stage.HandleAsync(StageHarness.Envelope("orders", StageHarness.Order("O1", "A1", "SO-1"), "O1"), 1, CancellationToken.None);

        Assert.Equal("C-42", _h.Target.Records["salesOrders|O1"].Data["customerId"]!.ToString());
        _h.Source.Verify(s => s.GetAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task HandleAsync_CustomerFailsPermanently_DeadLettersBothWithTheCustomersReason()
    {
        _h.Source.Setup(s => s.GetAsync("accounts", "A1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SourceRecord("A1", StageHarness.Account("A1", ""), "1"));

        await _h.Stage.HandleAsync(StageHarness.Envelope("orders", StageHarness.Order("O1", "A1", "SO-1"), "O1"), 1, CancellationToken.None);

        var letters = _h.State.DeadLetters;
        Assert.Equal(2, letters.Count);
        Assert.Contains(letters, l => l.Envelope.Entity == "accounts" && l.ErrorCode == DeadLetterCodes.MappingFailed);
        var order = Assert.Single(letters, l => l.Envelope.Entity == "orders");
        Assert.Equal(DeadLetterCodes.DependencyFailed, order.ErrorCode);
        Assert.Contains("crm/accounts/A1", order.Reason, StringComparison.Ordinal);
        Assert.Empty(_h.Target.Records);
    }

    [Fact]
    public async Task HandleAsync_CustomerMissingInSource_DeadLettersOrderNamingTheReference()
    {
        _h.Source.Setup(s => s.GetAsync("accounts", "A404", It.IsAny<CancellationToken>())).ReturnsAsync((SourceRecord?)null);

        await _h.Stage.HandleAsync(StageHarness.Envelope("orders", StageHarness.Order("O1", "A404", "SO-1"), "O1"), 1, CancellationToken.None);

        var letter = Assert.Single(_h.State.DeadLetters);
        Assert.Equal(DeadLetterCodes.DependencyNotFound, letter.ErrorCode);
        Assert.Contains("crm/accounts/A404", letter.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_CustomerFailsTransiently_DefersOrderAndRetriesCustomer()
    {
        _h.Source.Setup(s => s.GetAsync("accounts", "A1", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConnectorException("crm", ErrorKind.Throttled, "HTTP_429", "throttled", 429, TimeSpan.FromSeconds(5)));

        var result = await _h.Stage.HandleAsync(StageHarness.Envelope("orders", StageHarness.Order("O1", "A1", "SO-1"), "O1"), 1, CancellationToken.None);

        Assert.Contains(result.Outcomes, o => o.Entity == "orders" && o.Kind == SyncOutcomeKind.Deferred);
        var deferred = Assert.Single(_h.Queue.Enqueued, e => e.Envelope.Entity == "orders").Envelope;
        Assert.Equal(1, deferred.Deferrals);
        Assert.Equal(0, deferred.Attempt);
        Assert.Single(_h.Queue.Enqueued, e => e.Envelope.Entity == "accounts" && e.Envelope.Origin == EnvelopeOrigins.Retry);
        Assert.Empty(_h.State.DeadLetters);
    }

    [Fact]
    public async Task HandleAsync_DeferredTooOften_DeadLettersAsUnresolved()
    {
        _h.Source.Setup(s => s.GetAsync("accounts", "A1", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConnectorException("crm", ErrorKind.Transient, "HTTP_503", "down", 503));
        var envelope = StageHarness.Envelope("orders", StageHarness.Order("O1", "A1", "SO-1"), "O1") with { Deferrals = _h.Options.MaxDeferrals };

        await _h.Stage.HandleAsync(envelope, 1, CancellationToken.None);

        Assert.Equal(DeadLetterCodes.DependencyUnresolved, Assert.Single(_h.State.DeadLetters, l => l.Envelope.Entity == "orders").ErrorCode);
    }
}
