using CrmBridge.Connectors;
using CrmBridge.Functions.Admin;
using CrmBridge.Functions.Queue;
using CrmBridge.Functions.Tests.Support;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace CrmBridge.Functions.Tests.Queue;

/// <summary>Messages the host moved to <c>&lt;queue&gt;-poison</c> end up as dead letters an admin can see and replay.</summary>
public sealed class DrainPoisonFunctionTests(FunctionsAppFixture app) : IClassFixture<FunctionsAppFixture>
{
    [Fact]
    public async Task RunAsync_PoisonEnvelope_BecomesOpenDeadLetterWithReason()
    {
        var id = "poison-" + Guid.NewGuid().ToString("N")[..8];
        var envelope = new ChangeEnvelope
        {
            Id = Guid.NewGuid().ToString("N"),
            System = TestCrm.SystemName,
            Entity = TestCrm.Accounts,
            RecordId = id,
            Operation = ChangeOperation.Upsert,
            CorrelationId = "corr-" + id,
            FirstSeen = DateTimeOffset.UnixEpoch,
        };
        await app.PoisonQueue.SendAsync(EnvelopeCodec.Serialize(envelope));
        var message = Assert.Single(await app.PoisonQueue.DrainAsync());

        await app.Create<DrainPoisonFunction>().RunAsync(message.Text, FunctionRequests.QueueContext(message), CancellationToken.None);

        var list = FunctionRequests.Json<IReadOnlyList<DeadLetter>>(
            await app.Create<DeadLettersFunction>().RunAsync(FunctionRequests.Get("status=open&system=testcrm"), CancellationToken.None), StatusCodes.Status200OK);
        var letter = Assert.Single(list, l => l.Envelope.RecordId == id);
        Assert.Equal(DeadLetterCodes.Poison, letter.ErrorCode);
        Assert.Equal("corr-" + id, letter.Envelope.CorrelationId);
        Assert.False(string.IsNullOrWhiteSpace(letter.Reason));
    }

    [Fact]
    public async Task RunAsync_PoisonTextThatIsNotAnEnvelope_IsKeptVerbatimInTheDeadLetter()
    {
        var text = "<xml>not-an-envelope-" + Guid.NewGuid().ToString("N") + "</xml>";
        await app.PoisonQueue.SendAsync(text);
        var message = Assert.Single(await app.PoisonQueue.DrainAsync());

        await app.Create<DrainPoisonFunction>().RunAsync(message.Text, FunctionRequests.QueueContext(message), CancellationToken.None);

        var list = FunctionRequests.Json<IReadOnlyList<DeadLetter>>(
            await app.Create<DeadLettersFunction>().RunAsync(FunctionRequests.Get("system=unknown&limit=50"), CancellationToken.None), StatusCodes.Status200OK);
        Assert.Contains(list, l => l.Envelope.Snapshot?["rawMessage"]?.GetValue<string>() == text);
    }
}
