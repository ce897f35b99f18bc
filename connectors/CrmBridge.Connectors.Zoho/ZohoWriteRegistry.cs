using System.Collections.Concurrent;

namespace CrmBridge.Connectors.Zoho;

/// <summary>
/// Remembers, in memory, the records the bridge wrote recently (module, id, the fields written, when), so the webhook
/// receiver can recognise the notification its own write causes. Zoho callbacks carry ids, the operation and, for updates,
/// the affected fields, but no version and no user: a callback id is the bridge's echo when the bridge wrote that record
/// within <see cref="ZohoConnectorOptions.EchoWindow"/> and every affected field is one the bridge wrote (an insert the
/// bridge made counts as a whole). Anything else is accepted; the pipeline's version check remains the backstop
/// (and the only check when several hosts share the load, as this registry is per process).
/// </summary>
internal sealed class ZohoWriteRegistry
{
    private const int PruneThreshold = 10_000;
    private readonly ConcurrentDictionary<(string Module, string Id), (DateTimeOffset At, bool Inserted, HashSet<string> Fields)> _writes = new();

    /// <summary>Records a write.</summary>
    public void Remember(string module, string id, bool inserted, IEnumerable<string> fields, DateTimeOffset at, TimeSpan window)
    {
        _writes[(module, id)] = (at, inserted, new HashSet<string>(fields, StringComparer.Ordinal));
        if (_writes.Count > PruneThreshold)
        {
            foreach (var (key, value) in _writes)
            {
                if (at - value.At > window)
                {
                    _writes.TryRemove(key, out _);
                }
            }
        }
    }

    /// <summary>Forgets a write that failed.</summary>
    public void Forget(string module, string id) => _writes.TryRemove((module, id), out _);

    /// <summary>Decides whether a notified change is the bridge's own write.</summary>
    /// <param name="module">The module.</param>
    /// <param name="id">The record id.</param>
    /// <param name="operation"><c>insert</c>, <c>update</c> or <c>delete</c>.</param>
    /// <param name="affectedFields">The fields Zoho says changed, or <see langword="null"/> when it did not say.</param>
    /// <param name="now">The current time.</param>
    /// <param name="window">The echo window.</param>
    /// <returns><see langword="true"/> for an echo.</returns>
    public bool IsEcho(string module, string id, string operation, IReadOnlyCollection<string>? affectedFields, DateTimeOffset now, TimeSpan window)
    {
        if (!_writes.TryGetValue((module, id), out var write) || now - write.At > window)
        {
            return false;
        }

        return operation switch
        {
            "insert" => write.Inserted,
            "update" => affectedFields is { Count: > 0 } && affectedFields.All(f => write.Fields.Contains(f) || f is "Modified_Time" or "Modified_By"),
            _ => false,
        };
    }
}
