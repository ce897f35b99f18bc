using System.Text;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Testing.Queueing;
using Xunit;

namespace CrmBridge.Pipeline.AzureStorage.Tests;

/// <summary>Azure-only paths: the wire format a Functions QueueTrigger reads, and messages foreign producers got wrong.</summary>
public sealed partial class AzureStorageWorkQueueTests
{
    [Fact]
    public async Task EnqueueAsync_Message_IsBase64CodecTextThatNeverExpires()
    {
        var name = Azurite.UniqueName("q-");
        var queue = Fixture.CreateQueue(name);
        var envelope = TestEnvelopes.New();

        await queue.EnqueueAsync(envelope, TimeSpan.Zero, CancellationToken.None);
        var peeked = Assert.Single((await Azurite.RawQueues.GetQueueClient(name).PeekMessagesAsync(1)).Value);

        var text = Encoding.UTF8.GetString(Convert.FromBase64String(peeked.Body.ToString()));
        Assert.Equal(envelope.Id, EnvelopeCodec.Deserialize(text).Id);
        Assert.Equal(9999, peeked.ExpiresOn?.Year);
    }

    [Fact]
    public async Task ReceiveAsync_Base64TextThatIsNotAnEnvelope_MovesItToThePoisonQueue()
    {
        var name = Azurite.UniqueName("q-");
        var queue = Fixture.CreateQueue(name);
        await Azurite.Queues.GetQueueClient(name).CreateIfNotExistsAsync();
        await Azurite.Queues.GetQueueClient(name).SendMessageAsync("{\"not\": \"an envelope\"");
        await queue.EnqueueAsync(TestEnvelopes.New(), TimeSpan.Zero, CancellationToken.None);

        var messages = await queue.ReceiveAsync(32, TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Single(messages);
        var poisoned = Assert.Single((await Azurite.Queues.GetQueueClient(name + "-poison").PeekMessagesAsync(5)).Value);
        Assert.Equal("{\"not\": \"an envelope\"", poisoned.Body.ToString());
        Assert.Equal(1, await queue.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ReceiveAsync_MessageThatIsNotBase64_MovesItUnchangedToThePoisonQueue()
    {
        var name = Azurite.UniqueName("q-");
        var queue = Fixture.CreateQueue(name);
        await queue.EnqueueAsync(TestEnvelopes.New(), TimeSpan.Zero, CancellationToken.None);
        await Azurite.RawQueues.GetQueueClient(name).SendMessageAsync("plain text from another tool!");

        var messages = await queue.ReceiveAsync(32, TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Single(messages);
        var poisoned = Assert.Single((await Azurite.Queues.GetQueueClient(name + "-poison").PeekMessagesAsync(5)).Value);
        Assert.Equal("plain text from another tool!", poisoned.Body.ToString());
    }
}
