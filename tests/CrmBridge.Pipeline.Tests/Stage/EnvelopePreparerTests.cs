using System.Text.Json.Nodes;
using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Stage;
using CrmBridge.Pipeline.State;
using CrmBridge.Pipeline.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Stage;

public sealed class EnvelopePreparerTests
{
    private readonly Mock<IConnector> _crm = new(MockBehavior.Strict);
    private readonly Mock<ISyncStateStore> _state = new();
    private readonly CrossReferenceCache _cache = new();
    private readonly PipelineOptions _options = new() { MaxDequeueCount = 5 };
    private readonly EnvelopePreparer _preparer;

    public EnvelopePreparerTests()
    {
        _crm.SetupGet(c => c.System).Returns("crm");
        _preparer = new EnvelopePreparer(
            new ConnectorRegistry([_crm.Object]),
            new OrderAwareMapper([StageHarness.CustomerRoute, StageHarness.OrderRoute]),
            _state.Object,
            _cache,
            _options,
            NullLogger.Instance);
    }

    [Fact]
    public async Task PrepareAsync_MappedSnapshot_ReturnsAPendingDeliveryWithoutTheKeyField()
    {
        var envelope = StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme", modified: 3), "A1");

        var prepared = await _preparer.PrepareAsync(envelope, 1, 0, CancellationToken.None);

        var delivery = Assert.Single(prepared.PendingDeliveries);
        Assert.Equal(("A1", "3"), (delivery.KeyValue, delivery.SourceVersion));
        Assert.False(delivery.Document.ContainsKey(StageHarness.CustomerRoute.TargetKeyField));
        Assert.Equal(ContentHasher.Hash(new JsonObject { ["externalId"] = "A1", ["name"] = "Acme" }), delivery.ContentHash);
    }

    [Fact]
    public async Task PrepareAsync_ReceivedTooOften_FailsTheEnvelopeAsPoison()
    {
        var prepared = await _preparer.PrepareAsync(StageHarness.Envelope("accounts", null, "A1"), 6, 0, CancellationToken.None);

        Assert.Equal((DeadLetterCodes.Poison, false), (prepared.Failure!.Code, prepared.Failure.Retryable));
    }

    [Fact]
    public async Task PrepareAsync_RouteNoLongerLoaded_FailsWithRouteNotFound()
    {
        var envelope = StageHarness.Envelope("accounts", null, "A1") with { Route = "gone" };

        var prepared = await _preparer.PrepareAsync(envelope, 1, 0, CancellationToken.None);

        Assert.Equal(DeadLetterCodes.RouteNotFound, prepared.Failure!.Code);
    }

    [Fact]
    public async Task PrepareAsync_NoRouteForTheEntity_SkipsTheEnvelope()
    {
        var prepared = await _preparer.PrepareAsync(StageHarness.Envelope("leads", null, "L1"), 1, 0, CancellationToken.None);

        Assert.Equal((SyncOutcomeKind.Skipped, 0), (prepared.Outcome, prepared.Routes.Count));
    }

    [Fact]
    public async Task PrepareAsync_VersionTheBridgeWroteItself_IsAnEcho()
    {
        _state.Setup(s => s.GetEchoAsync(new RecordRef("crm", "accounts", "A1"), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new WriteEcho(new RecordRef("crm", "accounts", "A1"), "3", "h", DateTimeOffset.UnixEpoch));

        var prepared = await _preparer.PrepareAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme", 3), "A1"), 1, 0, CancellationToken.None);

        Assert.Equal(SyncOutcomeKind.Echo, prepared.Outcome);
        Assert.Empty(prepared.PendingDeliveries);
    }

    [Fact]
    public async Task PrepareAsync_OlderThanTheLedger_SkipsTheRoute()
    {
        _state.Setup(s => s.GetLedgerAsync(StageHarness.CustomerRoute.Name, "A1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new LedgerEntry(StageHarness.CustomerRoute.Name, "A1", "5", "h", "C-1", DateTimeOffset.UnixEpoch));

        var prepared = await _preparer.PrepareAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", "Acme", 4), "A1"), 1, 0, CancellationToken.None);

        Assert.Equal(SyncOutcomeKind.Skipped, Assert.Single(prepared.Routes).Outcome);
    }

    [Fact]
    public async Task PrepareAsync_MappingErrors_FailTheRoutePermanently()
    {
        var prepared = await _preparer.PrepareAsync(StageHarness.Envelope("accounts", StageHarness.Account("A1", ""), "A1"), 1, 0, CancellationToken.None);

        var failure = Assert.Single(prepared.Routes).Failure!;
        Assert.Equal((DeadLetterCodes.MappingFailed, false), (failure.Code, failure.Retryable));
        Assert.Contains("name", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepareAsync_SourceReadFails_FailsTheEnvelopeWithTheConnectorError()
    {
        _crm.Setup(c => c.GetAsync("accounts", "A1", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConnectorException("crm", ErrorKind.Transient, "HTTP_503", "down", 503));

        var prepared = await _preparer.PrepareAsync(StageHarness.Envelope("accounts", null, "A1"), 1, 0, CancellationToken.None);

        Assert.Equal(("HTTP_503", true), (prepared.Failure!.Code, prepared.Failure.Retryable));
    }

    [Fact]
    public async Task PrepareAsync_CustomerNotSynced_WaitsForTheLookup()
    {
        var prepared = await _preparer.PrepareAsync(StageHarness.Envelope("orders", StageHarness.Order("O1", "A1", "SO-1"), "O1"), 1, 0, CancellationToken.None);

        var route = Assert.Single(prepared.Routes);
        Assert.Equal(("customer", "A1"), (Assert.Single(route.Awaiting!.Missing).Lookup, route.Awaiting.Missing[0].SourceId));
        Assert.Empty(prepared.PendingDeliveries);
    }

    [Fact]
    public async Task PrepareAsync_CustomerInTheStore_LoadsItAndMaps()
    {
        _state.Setup(s => s.FindCrossReferenceAsync(new RecordRef("crm", "accounts", "A1"), "erp", "customers", It.IsAny<CancellationToken>())).ReturnsAsync("C-1");

        var prepared = await _preparer.PrepareAsync(StageHarness.Envelope("orders", StageHarness.Order("O1", "A1", "SO-1"), "O1"), 1, 0, CancellationToken.None);

        Assert.Equal("C-1", Assert.Single(prepared.PendingDeliveries).Document["customerId"]!.GetValue<string>());
    }

    [Fact]
    public async Task RemapAsync_LookupStillMissing_DefersTheRoute()
    {
        var prepared = await _preparer.PrepareAsync(StageHarness.Envelope("orders", StageHarness.Order("O1", "A1", "SO-1"), "O1"), 1, 0, CancellationToken.None);

        var result = await _preparer.RemapAsync(prepared.Envelope, prepared.Routes[0], CancellationToken.None);

        Assert.Equal((DeadLetterCodes.DependencyPending, true), (result.Failure!.Code, result.Failure.Defer));
    }

    [Fact]
    public async Task RemapAsync_CustomerSyncedMeanwhile_ReturnsAPendingDelivery()
    {
        var prepared = await _preparer.PrepareAsync(StageHarness.Envelope("orders", StageHarness.Order("O1", "A1", "SO-1"), "O1"), 1, 0, CancellationToken.None);
        _cache.Put(new RecordRef("crm", "accounts", "A1"), new RecordRef("erp", "customers", "C-7"));

        var result = await _preparer.RemapAsync(prepared.Envelope, prepared.Routes[0], CancellationToken.None);

        Assert.Equal("C-7", result.Delivery!.Document["customerId"]!.GetValue<string>());
    }
}
