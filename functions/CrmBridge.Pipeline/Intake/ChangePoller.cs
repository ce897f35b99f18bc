using CrmBridge.Connectors;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Pipeline.Intake;

/// <summary>
/// Polls one system/entity for changes: reads pages from the checkpoint, enqueues them, and advances the checkpoint only
/// after the page's envelopes are enqueued (so a crash re-reads, never skips). Saves use the checkpoint's ETag, so two
/// pollers never both advance it. An expired checkpoint (delta token) starts a full resync, which the idempotency ledger
/// keeps from duplicating anything in the target.
/// </summary>
public sealed class ChangePoller
{
    private readonly ConnectorRegistry _connectors;
    private readonly ICheckpointStore _checkpoints;
    private readonly ChangeIntake _intake;
    private readonly ILogger<ChangePoller> _logger;

    /// <summary>Initializes a new instance of the <see cref="ChangePoller"/> class.</summary>
    /// <param name="connectors">The connectors.</param>
    /// <param name="checkpoints">The checkpoint store.</param>
    /// <param name="intake">Enqueues envelopes.</param>
    /// <param name="logger">The logger.</param>
    public ChangePoller(ConnectorRegistry connectors, ICheckpointStore checkpoints, ChangeIntake intake, ILogger<ChangePoller> logger)
    {
        _connectors = connectors;
        _checkpoints = checkpoints;
        _intake = intake;
        _logger = logger;
    }

    /// <summary>The most pages one <see cref="PollAsync(string, string, CancellationToken)"/> reads.</summary>
    public const int DefaultMaxPages = 100;

    /// <summary>Polls until the system reports no more changes (or <see cref="DefaultMaxPages"/> pages were read).</summary>
    /// <param name="system">The system.</param>
    /// <param name="entity">The entity.</param>
    /// <param name="cancellationToken">Cancels the poll; what was enqueued stays enqueued and the checkpoint matches it.</param>
    /// <returns>What the poll did.</returns>
    public Task<PollResult> PollAsync(string system, string entity, CancellationToken cancellationToken) =>
        PollAsync(system, entity, DefaultMaxPages, cancellationToken);

    /// <summary>Polls until the system reports no more changes (or <paramref name="maxPages"/> pages were read).</summary>
    /// <param name="system">The system.</param>
    /// <param name="entity">The entity.</param>
    /// <param name="maxPages">The most pages per call, so one busy entity cannot starve the others.</param>
    /// <param name="cancellationToken">Cancels the poll; what was enqueued stays enqueued and the checkpoint matches it.</param>
    /// <returns>What the poll did.</returns>
    public async Task<PollResult> PollAsync(string system, string entity, int maxPages, CancellationToken cancellationToken)
    {
        var connector = _connectors.Get(system);
        var stored = await _checkpoints.GetCheckpointAsync(system, entity, cancellationToken).ConfigureAwait(false);
        var checkpoint = stored?.Value;
        var etag = stored?.ETag;
        var enqueued = 0;
        var pages = 0;
        var fullResync = false;
        var more = false;
        var correlationId = Guid.NewGuid().ToString("N");

        while (pages < maxPages)
        {
            ChangePage page;
            try
            {
                page = await connector.GetChangesAsync(entity, checkpoint, cancellationToken).ConfigureAwait(false);
            }
            catch (ConnectorException ex) when (ex.Kind == ErrorKind.CheckpointExpired && !fullResync)
            {
                PipelineLog.CheckpointExpired(_logger, system, entity, ex.ErrorCode);
                await _checkpoints.DeleteCheckpointAsync(system, entity, cancellationToken).ConfigureAwait(false);
                checkpoint = null;
                etag = null;
                fullResync = true;
                continue;
            }

            pages++;
            if (page.Changes.Count > 0)
            {
                enqueued += await _intake.EnqueueAsync(system, entity, page.Changes, EnvelopeOrigins.Poll, correlationId, cancellationToken).ConfigureAwait(false);
            }

            if (page.NextCheckpoint is not null && page.NextCheckpoint != checkpoint)
            {
                var saved = await _checkpoints.SaveCheckpointAsync(system, entity, page.NextCheckpoint, etag, cancellationToken).ConfigureAwait(false);
                if (saved is null)
                {
                    PipelineLog.CheckpointConflict(_logger, system, entity);
                    return new PollResult(enqueued, pages, Conflict: true, fullResync);
                }

                checkpoint = saved.Value;
                etag = saved.ETag;
            }

            more = page.HasMore;
            if (!more)
            {
                break;
            }
        }

        if (enqueued > 0)
        {
            PipelineLog.Polled(_logger, system, entity, enqueued, pages, correlationId);
        }

        return new PollResult(enqueued, pages, Conflict: false, fullResync) { HasMore = more };
    }

    /// <summary>Forgets the checkpoint so the next poll is a full backfill (the ledger keeps it from duplicating records).</summary>
    /// <param name="system">The system.</param>
    /// <param name="entity">The entity.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when reset.</returns>
    public Task ResetAsync(string system, string entity, CancellationToken cancellationToken) =>
        _checkpoints.DeleteCheckpointAsync(system, entity, cancellationToken);
}
