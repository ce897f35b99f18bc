using System.Text.Json.Nodes;
using CrmBridge.Connectors;
using CrmBridge.Pipeline.Intake;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.Stage;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CrmBridge.Testing.SyncStatus;

/// <content>Drives the pipeline step by step, as the standalone host's workers would: poll, then drain the queue.</content>
public abstract partial class SyncStatusContract
{
    private IWorkQueue Queue => Services.GetRequiredService<IWorkQueue>();

    private ISyncStateStore State => Services.GetRequiredService<ISyncStateStore>();

    /// <summary>Polls every CRM entity once and drains the queue.</summary>
    /// <returns>Every outcome recorded while draining.</returns>
    protected async Task<List<SyncOutcome>> RunAsync()
    {
        var poller = Services.GetRequiredService<ChangePoller>();
        foreach (var entity in PollEntities)
        {
            await poller.PollAsync(System, entity, CancellationToken.None);
        }

        return await DrainAsync();
    }

    /// <summary>Handles queued envelopes (status writes and retries included) until the queue is empty.</summary>
    /// <returns>Every outcome recorded.</returns>
    protected async Task<List<SyncOutcome>> DrainAsync()
    {
        var stage = Services.GetRequiredService<SyncStage>();
        var outcomes = new List<SyncOutcome>();
        var deadline = DateTime.UtcNow + DrainTimeout;
        while (DateTime.UtcNow < deadline)
        {
            var batch = await Queue.ReceiveAsync(32, TimeSpan.FromMinutes(1), CancellationToken.None);
            if (batch.Count == 0)
            {
                if (await Queue.CountAsync(CancellationToken.None) == 0)
                {
                    return outcomes;
                }

                await Task.Delay(50);
                continue;
            }

            outcomes.AddRange((await stage.HandleBatchAsync(batch.Select(m => (m.Envelope, m.DequeueCount)).ToList(), CancellationToken.None)).Outcomes);
            foreach (var message in batch)
            {
                await Queue.CompleteAsync(message, CancellationToken.None);
            }
        }

        Assert.Fail($"the queue did not drain within {DrainTimeout}");
        return outcomes;
    }

    private ChangeEnvelope WebhookEnvelope(string id) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        System = System,
        Entity = OrderEntity,
        RecordId = id,
        CorrelationId = Guid.NewGuid().ToString("N"),
        FirstSeen = DateTimeOffset.UtcNow,
        Origin = EnvelopeOrigins.Webhook,
    };

    private ChangeEnvelope StatusEnvelope(string id, SyncStatusUpdate update) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        System = System,
        Entity = OrderEntity,
        RecordId = id,
        CorrelationId = Guid.NewGuid().ToString("N"),
        FirstSeen = update.At,
        Route = OrderRoute.Name,
        Origin = EnvelopeOrigins.SyncStatus,
        Status = update,
    };

    private Task<string?> ErpIdAsync(string orderId) =>
        State.FindCrossReferenceAsync(new RecordRef(System, OrderEntity, orderId), "erp", "salesOrders", CancellationToken.None);

    private async Task<IReadOnlyList<DeadLetter>> OpenLettersAsync(string orderId) =>
        (await State.ListDeadLettersAsync(new DeadLetterQuery(System: System, Entity: OrderEntity), CancellationToken.None)).Where(d => d.Envelope.RecordId == orderId).ToList();

    private static string? Text(JsonObject record, string? field) =>
        field is null ? null : record[field] is JsonValue v ? v.ToString() : record[field]?.ToJsonString();
}
