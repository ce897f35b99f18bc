using System.Text.Json.Nodes;
using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Stage;
using CrmBridge.Pipeline.State;
using CrmBridge.Pipeline.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Stage;

public sealed class BatchDelivererTests
{
    private readonly Mock<IConnector> _erp = new(MockBehavior.Strict);
    private readonly Mock<ISyncStateStore> _state = new();
    private readonly PipelineOptions _options = new() { Concurrency = 2 };

    public BatchDelivererTests() => _erp.SetupGet(c => c.System).Returns("erp");

    private BatchDeliverer Deliverer() =>
        new(new ConnectorRegistry([_erp.Object]), new DeliveryRecorder(_state.Object, new CrossReferenceCache(), new FakeTimeProvider(), NullLogger.Instance), _options);

    private static PendingDelivery Delivery(string id, SyncRoute? route = null) =>
        new(StageHarness.Envelope("accounts", null, id), route ?? StageHarness.CustomerRoute, new JsonObject { ["name"] = id }, id, "hash-" + id, "1");

    [Fact]
    public async Task DeliverAsync_SeveralForOneTarget_UsesOneBatchCallAndRecordsEach()
    {
        _erp.Setup(c => c.UpsertBatchAsync(It.IsAny<IReadOnlyList<UpsertRequest>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyList<UpsertRequest> r, CancellationToken _) => r.Select((x, i) => new BatchItemResult(i, new UpsertResult("E-" + x.KeyValue, true, "1"), null)).ToList());

        var results = await Deliverer().DeliverAsync([Delivery("A1"), Delivery("A2"), Delivery("A3")], CancellationToken.None);

        Assert.All(results, r => Assert.Null(r.Failure));
        _erp.Verify(c => c.UpsertBatchAsync(It.Is<IReadOnlyList<UpsertRequest>>(r => r.Count == 3), It.IsAny<CancellationToken>()), Times.Once);
        _state.Verify(s => s.PutLedgerAsync(It.IsAny<LedgerEntry>(), It.IsAny<CancellationToken>()), Times.Exactly(3));
    }

    [Fact]
    public async Task DeliverAsync_BatchingOff_UpsertsOneByOne()
    {
        _options.BatchDeliveries = false;
        _erp.Setup(c => c.UpsertAsync(It.IsAny<UpsertRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((UpsertRequest r, CancellationToken _) => new UpsertResult("E-" + r.KeyValue, true, "1"));

        var results = await Deliverer().DeliverAsync([Delivery("A1"), Delivery("A2")], CancellationToken.None);

        Assert.Equal(2, results.Count(r => r.Failure is null));
        _erp.Verify(c => c.UpsertAsync(It.IsAny<UpsertRequest>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task DeliverAsync_BatchItemWithoutResultOrError_FailsThatItemRetryably()
    {
        _erp.Setup(c => c.UpsertBatchAsync(It.IsAny<IReadOnlyList<UpsertRequest>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([new BatchItemResult(0, new UpsertResult("E-1", true, "1"), null), new BatchItemResult(1, null, null)]);

        var results = await Deliverer().DeliverAsync([Delivery("A1"), Delivery("A2"), Delivery("A3")], CancellationToken.None);

        Assert.Null(results[0].Failure);
        Assert.Equal((DeadLetterCodes.BatchItemFailed, true), (results[1].Failure!.Code, results[1].Failure!.Retryable));
        Assert.Equal((DeadLetterCodes.BatchResultMissing, true), (results[2].Failure!.Code, results[2].Failure!.Retryable));
    }

    [Fact]
    public async Task DeliverAsync_BatchCallThrows_FailsEveryItemWithTheConnectorError()
    {
        _erp.Setup(c => c.UpsertBatchAsync(It.IsAny<IReadOnlyList<UpsertRequest>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConnectorException("erp", ErrorKind.Throttled, "THROTTLED", "slow down", 429));

        var results = await Deliverer().DeliverAsync([Delivery("A1"), Delivery("A2")], CancellationToken.None);

        Assert.All(results, r => Assert.Equal(("THROTTLED", true), (r.Failure!.Code, r.Failure.Retryable)));
        _state.Verify(s => s.PutLedgerAsync(It.IsAny<LedgerEntry>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task DeliverAsync_UnknownTargetSystem_FailsPermanentlyWithNoConnector()
    {
        var route = StageHarness.CustomerRoute with { TargetSystem = "sap" };

        var result = Assert.Single(await Deliverer().DeliverAsync([Delivery("A1", route)], CancellationToken.None));

        Assert.Equal((DeadLetterCodes.NoConnector, false), (result.Failure!.Code, result.Failure.Retryable));
    }

    [Fact]
    public async Task DeliverAsync_Nothing_CallsNoConnector()
    {
        Assert.Empty(await Deliverer().DeliverAsync([], CancellationToken.None));
    }
}
