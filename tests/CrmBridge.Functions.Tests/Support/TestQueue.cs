using System.Text;
using Azure.Storage.Queues;

namespace CrmBridge.Functions.Tests.Support;

/// <summary>Reads a queue as the Functions host does (messageEncoding base64), for invoking queue functions by hand.</summary>
/// <param name="client">The raw queue client (no encoding: the host decodes base64 itself).</param>
public sealed class TestQueue(QueueClient client)
{
    public QueueClient Client { get; } = client;

    /// <summary>Receives and deletes every visible message, decoded as the trigger sees it.</summary>
    public async Task<IReadOnlyList<TestMessage>> DrainAsync()
    {
        var all = new List<TestMessage>();
        while (true)
        {
            var batch = (await Client.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30))).Value;
            if (batch.Length == 0)
            {
                return all;
            }

            foreach (var message in batch)
            {
                var text = Encoding.UTF8.GetString(Convert.FromBase64String(message.Body.ToString()));
                all.Add(new TestMessage(message.MessageId, text, (int)message.DequeueCount));
                await Client.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }

    /// <summary>Sends raw text base64-encoded, as the adapter and the host write messages.</summary>
    public Task SendAsync(string text) => Client.SendMessageAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)));
}
