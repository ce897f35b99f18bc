using CrmBridge.Connectors;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.Stage;
using CrmBridge.Pipeline.State;
using CrmBridge.Pipeline.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Stage;

public sealed class DependencyResolverTests
{
    private static readonly RecordRef Customer = new("crm", "accounts", "A1");
    private readonly Mock<IConnector> _crm = new(MockBehavior.Strict);
    private readonly Mock<IDeliverer> _deliverer = new(MockBehavior.Strict);
    private readonly Mock<IWorkQueue> _queue = new();
    private readonly InMemorySyncStateStore _state = new();
    private readonly CrossReferenceCache _cache = new();
    private readonly List<PendingDelivery> _delivered = [];
    private readonly EnvelopePreparer _preparer;
    private readonly DependencyResolver _resolver;

    public DependencyResolverTests()
    {
        _crm.SetupGet(c => c.System).Returns("crm");
        var options = new PipelineOptions();
        var time = new FakeTimeProvider();
        _preparer = new EnvelopePreparer(new ConnectorRegistry([_crm.Object]), new OrderAwareMapper([StageHarness.CustomerRoute, StageHarness.OrderRoute]), _state, _cache, options, NullLogger.Instance);
        var settler = new OutcomeSettler(_queue.Object, new DeadLetterService(_state, _queue.Object, time, NullLogger<DeadLetterService>.Instance), new RetryPolicy(options), options, time, NullLogger.Instance);
        _resolver = new DependencyResolver(_preparer, _deliverer.Object, settler, time, NullLogger.Instance);

        // The deliverer "delivers" by caching the cross-reference, as the real recorder does.
        _deliverer.Setup(d => d.DeliverAsync(It.IsAny<IReadOnlyList<PendingDelivery>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyList<PendingDelivery> items, CancellationToken _) =>
            {
                foreach (var item in items)
                {
                    _delivered.Add(item);
                    _cache.Put(item.Envelope.Source, new RecordRef(item.Route.TargetSystem, item.Route.TargetEntity, "C-" + item.KeyValue));
                }

                return items.Select(i => new DeliveryResult(i)).ToList();
            });
    }

    private Task<PreparedEnvelope> PrepareOrderAsync(int depth = 0) =>
        _preparer.PrepareAsync(StageHarness.Envelope("orders", StageHarness.Order("O1", "A1", "SO-1"), "O1"), 1, depth, CancellationToken.None);

    [Fact]
    public async Task ResolveAsync_CustomerInTheSource_SyncsItFirstThenMapsTheOrder()
    {
        _crm.Setup(c => c.GetAsync("accounts", "A1", It.IsAny<CancellationToken>())).ReturnsAsync(new SourceRecord("A1", StageHarness.Account("A1", "Acme"), "1"));

        var resolved = await _resolver.ResolveAsync(await PrepareOrderAsync(), CancellationToken.None);

        var customer = Assert.Single(_delivered);
        Assert.Equal((EnvelopeOrigins.Dependency, "corr-O1"), (customer.Envelope.Origin, customer.Envelope.CorrelationId));
        Assert.Equal(SyncOutcomeKind.Delivered, Assert.Single(resolved.DependencyOutcomes).Kind);
        Assert.Equal("C-A1", Assert.Single(resolved.PendingDeliveries).Document["customerId"]!.GetValue<string>());
    }

    [Fact]
    public async Task ResolveAsync_CustomerGoneFromTheSource_FailsTheOrderWithDependencyNotFound()
    {
        _crm.Setup(c => c.GetAsync("accounts", "A1", It.IsAny<CancellationToken>())).ReturnsAsync((SourceRecord?)null);

        var resolved = await _resolver.ResolveAsync(await PrepareOrderAsync(), CancellationToken.None);

        Assert.Equal(DeadLetterCodes.DependencyNotFound, Assert.Single(resolved.Routes).Failure!.Code);
    }

    [Fact]
    public async Task ResolveAsync_AtMaximumDepth_DefersWithoutSyncingTheCustomer()
    {
        var resolved = await _resolver.ResolveAsync(await PrepareOrderAsync(DependencyResolver.MaxDependencyDepth), CancellationToken.None);

        Assert.True(Assert.Single(resolved.Routes).Failure!.Defer);
        Assert.Empty(_delivered);
    }

    [Fact]
    public async Task ResolveAsync_NothingWaiting_ReturnsTheSameValue()
    {
        var prepared = new PreparedEnvelope(StageHarness.Envelope("accounts", null, "A1"), 0) { Routes = [RouteResult.Done(StageHarness.CustomerRoute, SyncOutcomeKind.Skipped)] };

        Assert.Same(prepared, await _resolver.ResolveAsync(prepared, CancellationToken.None));
    }

    [Theory]
    [InlineData(SyncOutcomeKind.Delivered, null)]
    [InlineData(SyncOutcomeKind.Skipped, null)]
    [InlineData(SyncOutcomeKind.Filtered, DeadLetterCodes.DependencyFiltered)]
    public void FailureOf_RouteOutcome_MapsToTheDependantsFailure(SyncOutcomeKind outcome, string? code)
    {
        var dependency = new PreparedEnvelope(StageHarness.Envelope("accounts", null, "A1"), 1) { Routes = [RouteResult.Done(StageHarness.CustomerRoute, outcome)] };

        Assert.Equal(code, DependencyResolver.FailureOf(dependency, Customer)?.Code);
    }

    [Fact]
    public void FailureOf_TransientFailure_DefersTheDependant()
    {
        var dependency = new PreparedEnvelope(StageHarness.Envelope("accounts", null, "A1"), 1) { Failure = StageFailure.Unexpected(new TimeoutException()) };

        Assert.True(DependencyResolver.FailureOf(dependency, Customer)!.Defer);
    }

    [Fact]
    public void FailureOf_PermanentFailure_FailsTheDependantWithDependencyFailed()
    {
        var dependency = new PreparedEnvelope(StageHarness.Envelope("accounts", null, "A1"), 1)
        {
            Routes = [RouteResult.Failed(StageHarness.CustomerRoute, StageFailure.Permanent(DeadLetterCodes.MappingFailed, "name: required"))],
        };

        var failure = DependencyResolver.FailureOf(dependency, Customer)!;
        Assert.Equal((DeadLetterCodes.DependencyFailed, false), (failure.Code, failure.Retryable));
    }
}
