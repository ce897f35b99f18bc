using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Pipeline.Operations;

/// <summary>
/// Deletes what <see cref="PipelineOptions.Retention"/> no longer keeps: closed dead letters, rejected-input and poison
/// letters (they hold raw bodies), orphaned claim-check payloads and the ledger tombstones of deleted records. Both hosts
/// run it: the standalone host through <see cref="Hosting.RetentionWorker"/>, the Functions app through its hourly timer.
/// </summary>
public sealed class RetentionService
{
    private readonly IDeadLetterStore _deadLetters;
    private readonly IClaimCheckStore _claimChecks;
    private readonly ISyncLedger _ledger;
    private readonly PipelineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RetentionService> _logger;

    /// <summary>Initializes a new instance of the <see cref="RetentionService"/> class.</summary>
    /// <param name="deadLetters">The dead-letter store.</param>
    /// <param name="claimChecks">The claim-check store.</param>
    /// <param name="ledger">The ledger (its tombstones).</param>
    /// <param name="options">The retention period.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public RetentionService(IDeadLetterStore deadLetters, IClaimCheckStore claimChecks, ISyncLedger ledger, IOptions<PipelineOptions> options, TimeProvider time, ILogger<RetentionService> logger)
    {
        _deadLetters = deadLetters;
        _claimChecks = claimChecks;
        _ledger = ledger;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Deletes everything older than the retention period.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many dead letters and claim-check payloads were deleted.</returns>
    public async Task<(int DeadLetters, int ClaimChecks)> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutOff = _time.GetUtcNow() - _options.Retention;
        var letters = await _deadLetters.PurgeDeadLettersAsync(cutOff, cancellationToken).ConfigureAwait(false);
        var payloads = await _claimChecks.PurgeAsync(cutOff, cancellationToken).ConfigureAwait(false);
        PipelineLog.RetentionPurged(_logger, letters, payloads, cutOff);
        var tombstones = await _ledger.PurgeTombstonesAsync(cutOff, cancellationToken).ConfigureAwait(false);
        PipelineLog.TombstonesPurged(_logger, tombstones, cutOff);
        return (letters, payloads);
    }
}
