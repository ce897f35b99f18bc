using CrmBridge.Pipeline.Hosting;

namespace CrmBridge.Pipeline.Intake;

/// <summary>
/// One round of polls over a list of targets, as the Functions app's timer runs it: in the order of
/// <see cref="PollOrder"/> (entities referenced by others first, e.g. accounts before orders and cases), in parallel
/// otherwise; every target's outcome is recorded in <see cref="PollHealth"/>, and one failing target stops no other.
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

    /// <summary>
    /// Polls every target once: each as soon as its parents among the targets were polled (so a tier's slow target,
    /// e.g. another system's, holds back only its own dependants), at most <paramref name="concurrency"/> at once.
    /// </summary>
    /// <param name="targets">The targets.</param>
    /// <param name="maxPages">The most pages per target (the rest follows next round).</param>
    /// <param name="concurrency">How many targets are polled at once.</param>
    /// <param name="cancellationToken">Cancels the polls; what was enqueued stays enqueued and matches its checkpoint.</param>
    /// <returns>Per target, tier by tier: its result, or the error it failed with.</returns>
    public async Task<IReadOnlyList<PollRoundOutcome>> RunAsync(IReadOnlyList<PollTarget> targets, int maxPages, int concurrency, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(concurrency, concurrency);
        var polls = new List<Task<PollRoundOutcome>>(targets.Count);
        var byTarget = new Dictionary<(string, string), List<Task<PollRoundOutcome>>>();
        foreach (var target in _order.Tiers(targets, t => (t.System, t.Entity)).SelectMany(t => t))
        {
            // Tiers put every parent before its dependants, so the parents' polls exist already.
            var parents = _order.ParentsOf(target.System, target.Entity)
                .SelectMany(p => byTarget.GetValueOrDefault(Key(p.System, p.Entity)) ?? []).ToList();
            var poll = PollAfterAsync(target, parents, slots, maxPages, cancellationToken);
            polls.Add(poll);
            (byTarget.TryGetValue(Key(target.System, target.Entity), out var list) ? list : byTarget[Key(target.System, target.Entity)] = []).Add(poll);
        }

        return await Task.WhenAll(polls).ConfigureAwait(false);
    }

    private static (string, string) Key(string system, string entity) => (system.ToUpperInvariant(), entity.ToUpperInvariant());

    private async Task<PollRoundOutcome> PollAfterAsync(PollTarget target, List<Task<PollRoundOutcome>> parents, SemaphoreSlim slots, int maxPages, CancellationToken cancellationToken)
    {
        await Task.WhenAll(parents).ConfigureAwait(false);
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await PollAsync(target, maxPages, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
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
