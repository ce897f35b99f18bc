namespace CrmBridge.Pipeline.Batching;

/// <summary>
/// The envelopes of one source system and entity waiting in the <see cref="StageCoalescer"/>: they fill towards
/// <see cref="PipelineOptions.CoalesceMaxBatch"/> distinct records and become ready to go when none joined for a window, or when they waited the longest linger.
/// </summary>
internal sealed class CoalescedGroup
{
    /// <summary>Gets the waiting envelopes, in arrival order.</summary>
    public List<CoalescedItem> Items { get; } = [];

    /// <summary>Gets the distinct records among <see cref="Items"/> (the group is full at <see cref="PipelineOptions.CoalesceMaxBatch"/> of them).</summary>
    public RecordFill Records { get; } = new();

    /// <summary>Gets the timestamp (<see cref="TimeProvider.GetTimestamp"/>) of the group's first envelope.</summary>
    public long Started { get; init; }

    /// <summary>Gets or sets the timestamp of the group's latest envelope.</summary>
    public long LastArrival { get; set; }

    /// <summary>Gets or sets a value indicating whether the group's linger ended (it goes with the next batch that gets a slot).</summary>
    public bool Ready { get; set; }
}
