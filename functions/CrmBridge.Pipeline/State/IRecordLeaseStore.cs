using CrmBridge.Connectors;

namespace CrmBridge.Pipeline.State;

/// <summary>
/// Leases per source record, shared by every host on one store, so that two hosts never work on the same record at once:
/// with the ledger read after the lease is taken, an older version can never be written after a newer one, however the
/// queue spreads a record's changes over hosts (scale-out). A lease expires by itself, so a killed host blocks nobody for
/// longer than its duration.
/// </summary>
public interface IRecordLeaseStore
{
    /// <summary>Takes the leases that are free, expired or already this owner's.</summary>
    /// <param name="records">The source records.</param>
    /// <param name="owner">The taker (one id per host process).</param>
    /// <param name="duration">How long the leases last unless released.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The records whose lease this owner now holds; the others are held by another host.</returns>
    Task<IReadOnlySet<RecordRef>> TryAcquireLeasesAsync(IReadOnlyCollection<RecordRef> records, string owner, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Releases leases this owner holds (others' leases are left alone).</summary>
    /// <param name="records">The source records.</param>
    /// <param name="owner">The holder.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the leases are released.</returns>
    Task ReleaseLeasesAsync(IReadOnlyCollection<RecordRef> records, string owner, CancellationToken cancellationToken);
}
