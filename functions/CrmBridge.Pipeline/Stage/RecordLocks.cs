using CrmBridge.Pipeline.Queueing;

namespace CrmBridge.Pipeline.Stage;

/// <summary>
/// Keeps two lanes (or two concurrent callers) of one host from working on the same source record at once, so an older
/// version prepared in one lane can never be delivered after a newer one delivered by another. Striped semaphores,
/// always taken in ascending stripe order, so lanes holding several records can never deadlock.
/// Hosts on other machines are not covered: there the ledger's version check and the target's upsert semantics apply.
/// </summary>
internal sealed class RecordLocks
{
    private readonly SemaphoreSlim[] _stripes;

    public RecordLocks(int stripes = 4096)
    {
        _stripes = new SemaphoreSlim[stripes];
        for (var i = 0; i < stripes; i++)
        {
            _stripes[i] = new SemaphoreSlim(1, 1);
        }
    }

    /// <summary>Takes the locks of every record in a wave; dispose the result to release them.</summary>
    /// <param name="envelopes">The wave's envelopes.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The held locks.</returns>
    public async Task<IDisposable> AcquireAsync(IEnumerable<ChangeEnvelope> envelopes, CancellationToken cancellationToken)
    {
        var indexes = envelopes.Select(Stripe).Distinct().Order().ToArray();
        var held = new List<SemaphoreSlim>(indexes.Length);
        try
        {
            foreach (var index in indexes)
            {
                await _stripes[index].WaitAsync(cancellationToken).ConfigureAwait(false);
                held.Add(_stripes[index]);
            }
        }
        catch
        {
            held.ForEach(s => s.Release());
            throw;
        }

        return new RecordLockLease(held);
    }

    private int Stripe(ChangeEnvelope envelope)
    {
        var key = string.Concat(envelope.System.ToUpperInvariant(), "|", envelope.Entity.ToUpperInvariant(), "|", envelope.RecordId);
        return (int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_stripes.Length);
    }
}
