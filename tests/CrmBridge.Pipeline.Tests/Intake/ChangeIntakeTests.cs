using System.Text.Json.Nodes;
using CrmBridge.Connectors;
using CrmBridge.Pipeline.Intake;
using CrmBridge.Pipeline.Queueing;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Intake;

public sealed class ChangeIntakeTests
{
    private static RecordChange Change(int i) => new(i.ToString(System.Globalization.CultureInfo.InvariantCulture), ChangeOperation.Upsert, "1", new JsonObject { ["id"] = i });

    [Fact]
    public async Task EnqueueAsync_QueueEnqueuesMany_SendsChunksInOrder()
    {
        var queue = new Mock<IWorkQueue>(MockBehavior.Strict);
        var chunks = new List<IReadOnlyList<ChangeEnvelope>>();
        queue.As<IEnqueuesMany>()
            .Setup(q => q.EnqueueManyAsync(It.IsAny<IReadOnlyList<ChangeEnvelope>>(), It.IsAny<CancellationToken>()))
            .Callback<IReadOnlyList<ChangeEnvelope>, CancellationToken>((e, _) => chunks.Add(e))
            .Returns(Task.CompletedTask);
        var changes = Enumerable.Range(0, ChangeIntake.EnqueueChunk + 5).Select(Change).ToList();

        var count = await new ChangeIntake(queue.Object, new FakeTimeProvider()).EnqueueAsync("crm", "accounts", changes, EnvelopeOrigins.Poll, null, CancellationToken.None);

        Assert.Equal(changes.Count, count);
        Assert.Equal([ChangeIntake.EnqueueChunk, 5], chunks.Select(c => c.Count));
        Assert.Equal(changes.Select(c => c.Id), chunks.SelectMany(c => c).Select(e => e.RecordId));
        Assert.All(chunks.SelectMany(c => c), e => Assert.Equal(("crm", "accounts", EnvelopeOrigins.Poll), (e.System, e.Entity, e.Origin)));
    }

    [Fact]
    public async Task EnqueueAsync_PlainQueue_EnqueuesOneByOne()
    {
        var queue = new Mock<IWorkQueue>(MockBehavior.Strict);
        var sent = new List<string>();
        queue.Setup(q => q.EnqueueAsync(It.IsAny<ChangeEnvelope>(), TimeSpan.Zero, It.IsAny<CancellationToken>()))
            .Callback<ChangeEnvelope, TimeSpan, CancellationToken>((e, _, _) => sent.Add(e.RecordId))
            .Returns(Task.CompletedTask);

        await new ChangeIntake(queue.Object, new FakeTimeProvider()).EnqueueAsync("crm", "accounts", [Change(1), Change(2)], EnvelopeOrigins.Poll, null, CancellationToken.None);

        Assert.Equal(["1", "2"], sent);
    }
}
