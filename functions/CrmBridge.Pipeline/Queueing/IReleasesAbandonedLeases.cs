namespace CrmBridge.Pipeline.Queueing;

/// <summary>
/// An optional capability of a <see cref="IWorkQueue"/>: at start, a consumer hands back the messages that an earlier run
/// of the same host left leased when it was killed, so they are processed at once instead of after their visibility
/// timeout. Only a store that can tell that no other consumer is alive may do it (the SQLite queue can: one consumer
/// process per file holds a lock); Azure Storage Queues cannot, and their messages return after the timeout.
/// </summary>
public interface IReleasesAbandonedLeases
{
    /// <summary>Releases messages leased by consumers that are no longer running, when this consumer is the only one.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many messages became visible again (0 when another consumer is alive).</returns>
    Task<int> ReleaseAbandonedLeasesAsync(CancellationToken cancellationToken);
}
