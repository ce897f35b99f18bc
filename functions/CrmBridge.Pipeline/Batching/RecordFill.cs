using CrmBridge.Pipeline.Queueing;

namespace CrmBridge.Pipeline.Batching;

/// <summary>
/// Counts the distinct records per source system and entity a gathering batch holds. A batch is full when one entity
/// holds <see cref="PipelineOptions.CoalesceMaxBatch"/> distinct records: changes of one record become one write, so
/// counting envelopes would stop an ERP's shipped-then-invoiced orders (two changes each) at half the target's limit.
/// </summary>
internal sealed class RecordFill
{
    private readonly Dictionary<(string System, string Entity), HashSet<string>> _records = [];

    /// <summary>Gets the distinct records of the entity that holds the most.</summary>
    public int Largest { get; private set; }

    /// <summary>Counts one envelope.</summary>
    /// <param name="envelope">The envelope.</param>
    /// <returns>The distinct records of the envelope's entity, this one included.</returns>
    public int Add(ChangeEnvelope envelope)
    {
        var key = (envelope.System.ToUpperInvariant(), envelope.Entity.ToUpperInvariant());
        if (!_records.TryGetValue(key, out var ids))
        {
            ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            _records[key] = ids;
        }

        ids.Add(envelope.RecordId);
        Largest = Math.Max(Largest, ids.Count);
        return ids.Count;
    }
}
