namespace CrmBridge.Pipeline.Batching;

/// <summary>
/// The envelopes of one source system and entity waiting in the <see cref="StageCoalescer"/>: they fill towards
/// <see cref="PipelineOptions.CoalesceMaxBatch"/> and become ready to go when their linger ends.
/// </summary>
internal sealed class CoalescedGroup
{
    /// <summary>Gets the waiting envelopes, in arrival order.</summary>
    public List<CoalescedItem> Items { get; } = [];

    /// <summary>Gets or sets a value indicating whether the group's linger ended (it goes with the next batch that gets a slot).</summary>
    public bool Ready { get; set; }
}
