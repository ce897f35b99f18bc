namespace CrmBridge.Connectors.Kingdee;

/// <summary>
/// Serialises find-then-save per (form, key) inside one process: K3Cloud has no upsert, so two concurrent first syncs of
/// one order would otherwise both find nothing and both create a bill. Keys are taken in sorted order (no deadlock).
/// Across processes, a unique index on the key field in K3Cloud is the guard (docs/kingdee.md).
/// </summary>
internal sealed class KingdeeKeyLocks
{
    private readonly Dictionary<string, (SemaphoreSlim Gate, int Users)> _locks = new(StringComparer.Ordinal);

    public async Task<IDisposable> AcquireAsync(string formId, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var names = keys.Select(k => formId.ToUpperInvariant() + "\n" + k).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var held = new List<string>(names.Count);
        try
        {
            foreach (var name in names)
            {
                var gate = Enter(name);
                held.Add(name);
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            Release(held, held.Count - 1);
            throw;
        }

        return new Releaser(this, held);
    }

    private SemaphoreSlim Enter(string name)
    {
        lock (_locks)
        {
            var entry = _locks.TryGetValue(name, out var found) ? found : (Gate: new SemaphoreSlim(1, 1), Users: 0);
            _locks[name] = (entry.Gate, entry.Users + 1);
            return entry.Gate;
        }
    }

    /// <summary>Releases the held gates; the last one acquired may not have been entered (cancelled wait).</summary>
    private void Release(List<string> names, int notEntered)
    {
        lock (_locks)
        {
            for (var i = 0; i < names.Count; i++)
            {
                var (gate, users) = _locks[names[i]];
                if (i != notEntered)
                {
                    gate.Release();
                }

                if (users == 1)
                {
                    _locks.Remove(names[i]);
                    gate.Dispose();
                }
                else
                {
                    _locks[names[i]] = (gate, users - 1);
                }
            }
        }
    }

    private sealed class Releaser(KingdeeKeyLocks owner, List<string> names) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                owner.Release(names, -1);
            }
        }
    }
}
