namespace CrmBridge.Pipeline.Intake;

/// <summary>The outcome of one poll of one system/entity.</summary>
/// <param name="Enqueued">How many envelopes were enqueued.</param>
/// <param name="Pages">How many pages were read.</param>
/// <param name="Conflict"><see langword="true"/> when another poller advanced the checkpoint first (this one stopped).</param>
/// <param name="FullResync"><see langword="true"/> when the checkpoint had expired and a full resync was started.</param>
public sealed record PollResult(int Enqueued, int Pages, bool Conflict, bool FullResync)
{
    /// <summary>Gets a value indicating whether the poll stopped at its page limit with more pages waiting (a backfill in progress).</summary>
    public bool HasMore { get; init; }
}
