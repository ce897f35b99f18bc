namespace CrmBridge.Pipeline.Stage;

/// <summary>The locks <see cref="RecordLocks"/> handed out for one wave; disposing releases them once.</summary>
internal sealed class RecordLockLease(List<SemaphoreSlim> held) : IDisposable
{
    private int _released;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            held.ForEach(s => s.Release());
        }
    }
}
