using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.Stage;
using CrmBridge.Pipeline.Tests.Fakes;
using Moq;

namespace CrmBridge.Pipeline.Tests.StatusWriteback;

/// <summary>
/// A <see cref="StageHarness"/> whose account route writes its outcome to the CRM account's status fields; the mocked CRM
/// answers status writes with version "2" (the change event of that write carries it) and records what was written.
/// </summary>
internal sealed class StatusHarness
{
    public static readonly SyncStatusFields Fields = new() { Status = "sync_status", ErpNumber = "erp_no", SyncedAt = "synced_on", Error = "sync_error" };

    private int _drained;

    public StatusHarness(SyncStatusFields? fields = null, PipelineOptions? options = null)
    {
        Route = StageHarness.CustomerRoute with { SyncStatus = fields ?? Fields };
        H = new StageHarness(options, new OrderAwareMapper([Route, StageHarness.OrderRoute]));
        H.Source.Setup(c => c.UpsertAsync(It.IsAny<UpsertRequest>(), It.IsAny<CancellationToken>()))
            .Returns((UpsertRequest r, CancellationToken _) => Task.FromResult(Write(r)));
        H.Source.Setup(c => c.UpsertBatchAsync(It.IsAny<IReadOnlyList<UpsertRequest>>(), It.IsAny<CancellationToken>()))
            .Returns((IReadOnlyList<UpsertRequest> rs, CancellationToken _) =>
            {
                Interlocked.Increment(ref BatchCalls);
                return Task.FromResult<IReadOnlyList<BatchItemResult>>(rs.Select((r, i) => new BatchItemResult(i, Write(r), null)).ToList());
            });
    }

    public int BatchCalls;

    public SyncRoute Route { get; }

    public StageHarness H { get; }

    /// <summary>Gets the status writes the CRM received, in order.</summary>
    public ConcurrentQueue<UpsertRequest> Written { get; } = new();

    /// <summary>Gets the status envelopes queued so far.</summary>
    public IReadOnlyList<ChangeEnvelope> Statuses => H.Queue.Enqueued.Select(e => e.Envelope).Where(e => e.Status is not null).ToList();

    /// <summary>Hands the status envelopes queued since the last call to the stage, as the queue consumer would.</summary>
    public async Task<StageResult> DrainAsync()
    {
        var pending = Statuses.Skip(_drained).ToList();
        _drained += pending.Count;
        return await H.Stage.HandleBatchAsync(pending.Select(e => (e, 1)).ToList(), CancellationToken.None);
    }

    /// <summary>A change the CRM reports after the status write (version 2), by poll (snapshot) or webhook (id only).</summary>
    public ChangeEnvelope Reported(JsonObject record, bool webhook = false)
    {
        var envelope = StageHarness.Envelope("accounts", webhook ? null : record, record["id"]!.ToString());
        if (webhook)
        {
            H.Source.Setup(c => c.GetAsync("accounts", record["id"]!.ToString(), It.IsAny<CancellationToken>()))
                .ReturnsAsync(new SourceRecord(record["id"]!.ToString(), record, record["modified"]!.ToString()));
        }

        return envelope with { Origin = webhook ? EnvelopeOrigins.Webhook : EnvelopeOrigins.Poll };
    }

    private UpsertResult Write(UpsertRequest request)
    {
        Written.Enqueue(request);
        return new UpsertResult(request.KeyValue, false, "2");
    }
}
