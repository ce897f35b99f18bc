using CrmBridge.Pipeline.Queueing;

namespace CrmBridge.Pipeline.Stage;

/// <summary>Splits a batch into waves in which each record (and route) appears once, keeping arrival order per record.</summary>
internal static class StageWaves
{
    public static IEnumerable<List<(ChangeEnvelope Envelope, int DequeueCount)>> Of(IReadOnlyList<(ChangeEnvelope Envelope, int DequeueCount)> items)
    {
        var remaining = items.ToList();
        while (remaining.Count > 0)
        {
            var seen = new HashSet<(string, string, string, string?)>();
            var wave = new List<(ChangeEnvelope, int)>();
            var later = new List<(ChangeEnvelope, int)>();
            foreach (var item in remaining)
            {
                var key = (item.Envelope.System.ToUpperInvariant(), item.Envelope.Entity.ToUpperInvariant(), item.Envelope.RecordId, item.Envelope.Route);
                (seen.Add(key) ? wave : later).Add(item);
            }

            yield return wave;
            remaining = later;
        }
    }
}
