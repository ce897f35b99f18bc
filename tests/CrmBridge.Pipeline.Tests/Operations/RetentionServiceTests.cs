using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using CrmBridge.Pipeline.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Operations;

public sealed class RetentionServiceTests
{
    [Fact]
    public async Task PurgeAsync_DefaultRetention_DeletesClosedLettersPayloadsAndTombstonesOlderThan30Days()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.Zero));
        var state = new InMemorySyncStateStore();
        var envelope = StageHarness.Envelope("accounts", null, "A1");
        var old = await state.AddDeadLetterAsync(new DeadLetter { Envelope = envelope, ErrorCode = DeadLetterCodes.MappingFailed, Reason = "x", FailedAt = time.GetUtcNow() }, CancellationToken.None);
        await state.SetDeadLetterStatusAsync(old, DeadLetterStatus.Dismissed, CancellationToken.None);
        var open = await state.AddDeadLetterAsync(new DeadLetter { Envelope = envelope with { RecordId = "A2" }, ErrorCode = DeadLetterCodes.MappingFailed, Reason = "x", FailedAt = time.GetUtcNow() }, CancellationToken.None);
        await state.PutLedgerAsync(LedgerEntry.Tombstone("r", "A3", "C-3", time.GetUtcNow()), CancellationToken.None);
        var claimChecks = new Mock<IClaimCheckStore>();
        claimChecks.Setup(c => c.PurgeAsync(It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync(2);
        var service = new RetentionService(state, claimChecks.Object, state, Options.Create(new PipelineOptions()), time, NullLogger<RetentionService>.Instance);

        time.Advance(TimeSpan.FromDays(29));
        var early = await service.PurgeAsync(CancellationToken.None);
        var tombstoneKept = await state.GetLedgerAsync("r", "A3", CancellationToken.None);
        time.Advance(TimeSpan.FromDays(2));
        var late = await service.PurgeAsync(CancellationToken.None);

        Assert.Equal(0, early.DeadLetters);
        Assert.Equal((1, 2), late);
        Assert.Null(await state.GetDeadLetterAsync(old, CancellationToken.None));
        Assert.NotNull(tombstoneKept);
        Assert.Null(await state.GetLedgerAsync("r", "A3", CancellationToken.None));
        Assert.NotNull(await state.GetDeadLetterAsync(open, CancellationToken.None));
        claimChecks.Verify(c => c.PurgeAsync(time.GetUtcNow() - TimeSpan.FromDays(30), It.IsAny<CancellationToken>()));
    }
}
