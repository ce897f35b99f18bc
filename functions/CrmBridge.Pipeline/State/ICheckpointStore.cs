namespace CrmBridge.Pipeline.State;

/// <summary>Checkpoints per system and entity, saved with optimistic concurrency.</summary>
public interface ICheckpointStore
{
    /// <summary>Reads a checkpoint.</summary>
    /// <param name="system">The system.</param>
    /// <param name="entity">The entity.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The checkpoint, or <see langword="null"/> when none was saved (full sync).</returns>
    Task<Checkpoint?> GetCheckpointAsync(string system, string entity, CancellationToken cancellationToken);

    /// <summary>Saves a checkpoint if nobody else saved one since <paramref name="expectedETag"/>.</summary>
    /// <param name="system">The system.</param>
    /// <param name="entity">The entity.</param>
    /// <param name="value">The new value.</param>
    /// <param name="expectedETag">The ETag read before, or <see langword="null"/> when none existed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The saved checkpoint, or <see langword="null"/> when another writer got there first.</returns>
    Task<Checkpoint?> SaveCheckpointAsync(string system, string entity, string value, string? expectedETag, CancellationToken cancellationToken);

    /// <summary>Deletes a checkpoint (forces a full resync on the next poll).</summary>
    /// <param name="system">The system.</param>
    /// <param name="entity">The entity.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when deleted.</returns>
    Task DeleteCheckpointAsync(string system, string entity, CancellationToken cancellationToken);

    /// <summary>Lists every checkpoint, for status reporting.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>(system, entity, checkpoint) triples.</returns>
    Task<IReadOnlyList<(string System, string Entity, Checkpoint Checkpoint)>> ListCheckpointsAsync(CancellationToken cancellationToken);
}
