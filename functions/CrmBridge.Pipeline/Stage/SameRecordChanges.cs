using CrmBridge.Connectors;
using CrmBridge.Pipeline.Queueing;

namespace CrmBridge.Pipeline.Stage;

/// <summary>
/// Coalesces several queued changes of one record (and route) in a batch into one: only the latest state is written.
/// The latest is a fetch (no snapshot: it reads the record as it is now) if there is one, else the highest source
/// version, else the last to arrive. Batches holding a delete of the record keep every change (in waves, in order).
/// </summary>
internal static class SameRecordChanges
{
    /// <summary>Keeps one change per record and route, at the position of its first arrival.</summary>
    /// <param name="items">The batch.</param>
    /// <returns>The batch without superseded changes.</returns>
    public static IReadOnlyList<(ChangeEnvelope Envelope, int DequeueCount)> Coalesce(IReadOnlyList<(ChangeEnvelope Envelope, int DequeueCount)> items)
    {
        var groups = items.GroupBy(i => (i.Envelope.System.ToUpperInvariant(), i.Envelope.Entity.ToUpperInvariant(), i.Envelope.RecordId, i.Envelope.Route)).ToList();
        if (groups.Count == items.Count)
        {
            return items;
        }

        var kept = new List<(ChangeEnvelope, int)>(groups.Count);
        foreach (var group in groups)
        {
            var changes = group.ToList();
            if (changes.Count == 1 || changes.Any(c => c.Envelope.Operation == ChangeOperation.Delete))
            {
                kept.AddRange(changes);
                continue;
            }

            var latest = changes.LastOrDefault(c => c.Envelope.Snapshot is null && c.Envelope.SnapshotRef is null);
            if (latest.Envelope is null)
            {
                latest = changes[0];
                foreach (var change in changes.Skip(1))
                {
                    if (change.Envelope.SourceVersion is null || latest.Envelope.SourceVersion is null
                        || VersionComparer.Instance.Compare(change.Envelope.SourceVersion, latest.Envelope.SourceVersion) >= 0)
                    {
                        latest = change;
                    }
                }
            }

            kept.Add(latest);
        }

        return kept;
    }
}
