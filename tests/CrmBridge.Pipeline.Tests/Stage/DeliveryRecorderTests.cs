using System.Text.Json.Nodes;
using CrmBridge.Connectors;
using CrmBridge.Pipeline.Stage;
using CrmBridge.Pipeline.State;
using CrmBridge.Pipeline.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Stage;

public sealed class DeliveryRecorderTests
{
    [Fact]
    public async Task RecordAsync_Delivered_WritesCrossReferenceEchoAndLedgerAndCaches()
    {
        var state = new Mock<ISyncStateStore>();
        var cache = new CrossReferenceCache();
        var recorder = new DeliveryRecorder(state.Object, cache, new FakeTimeProvider(), NullLogger.Instance);
        var delivery = new PendingDelivery(StageHarness.Envelope("accounts", null, "A1"), StageHarness.CustomerRoute, new JsonObject(), "A1", "h1", "7");

        await recorder.RecordAsync(delivery, new UpsertResult("C-9", true, "v3"), CancellationToken.None);

        var source = new RecordRef("crm", "accounts", "A1");
        state.Verify(s => s.PutCrossReferenceAsync(new CrossReference(source, new RecordRef("erp", "customers", "C-9")), It.IsAny<CancellationToken>()));
        state.Verify(s => s.PutEchoAsync(It.Is<WriteEcho>(e => e.Version == "v3" && e.ContentHash == "h1"), It.IsAny<CancellationToken>()));
        state.Verify(s => s.PutLedgerAsync(It.Is<LedgerEntry>(l => l.Route == StageHarness.CustomerRoute.Name && l.SourceVersion == "7" && l.ContentHash == "h1" && l.TargetId == "C-9"), It.IsAny<CancellationToken>()));
        Assert.True(cache.TryGet(source, "erp", "customers", out var id));
        Assert.Equal("C-9", id);
    }
}
