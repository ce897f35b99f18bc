using CrmBridge.Pipeline.Hosting;

namespace CrmBridge.Pipeline.Intake;

/// <summary>
/// One round of polls over a list of targets, as the Functions app's timer runs it: the targets in
/// <see cref="PollOrder.Tiers{T}"/> (entities referenced by others first, e.g. accounts before orders), each tier in
/// parallel; every target's outcome is recorded in <see cref="PollHealth"/>, and one failing target stops no other.
/// </summary>
public sealed class PollRound
{
    private readonly ChangePoller _poller;
    private readonly PollHealth _health;
    private readonly PollOrder _order;

    /// <summary>Initializes a new instance of the <see cref="PollRound"/> class.</summary>
    /// <param name="poller">The change poller.</param>
    /// <param name="health">Records each poll's outcome and logs repeated failures once with a count.</param>
    /// <param name="order">Which targets are polled before which.</param>
    public PollRound(ChangePoller poller, PollHealth health, PollOrder order)
    {
        _poller = poller;
        _health = health;
        _order = order;
    }

    /// <summary>Polls every target once, parents' tiers first.</summary>
    /// <param name="targets">The targets.</param>
    /// <param name="maxPages">The most pages per target (the rest follows next round).</param>
    /// <param name="concurrency">How many targets of one tier are polled at once.</param>
    /// <param name="cancellationToken">Cancels the polls; what was enqueued stays enqueued and matches its checkpoint.</param>
    /// <returns>Per target, in the order polled: its result, or the error it failed with.</returns>
    public async Task<IReadOnlyList<PollRoundOutcome>> RunAsync(IReadOnlyList<PollTarget> targets, int maxPages, int concurrency, CancellationToken cancellationToken)
    {
        var outcomes = new List<PollRoundOutcome>(targets.Count);
        foreach (var tier in _order.Tiers(targets, t => (t.System, t.Entity)))
        {
            var results = new PollRoundOutcome[tier.Count];
            await Parallel.ForAsync(
                0,
                tier.Count,
                new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
                async (i, ct) => results[i] = await PollAsync(tier[i], maxPages, ct).ConfigureAwait(false)).ConfigureAwait(false);
            outcomes.AddRange(results);
        }

        return outcomes;
    }

    private async Task<PollRoundOutcome> PollAsync(PollTarget target, int maxPages, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _poller.PollAsync(target.System, target.Entity, maxPages, cancellationToken).ConfigureAwait(false);
            await _health.SucceededAsync(target.System, target.Entity, result.Enqueued, cancellationToken).ConfigureAwait(false);
            return new PollRoundOutcome(target, result, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Host boundary of one target: one failing system must not stop the others; the caller reports the failure.
            // PollHealth records the outcome for `status` and logs repeats of one error once with a count.
            await _health.FailedAsync(target.System, target.Entity, ex, cancellationToken).ConfigureAwait(false);
            return new PollRoundOutcome(target, null, ex);
        }
    }
}
