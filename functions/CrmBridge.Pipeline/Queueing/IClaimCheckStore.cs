namespace CrmBridge.Pipeline.Queueing;

/// <summary>Stores payloads too large for a queue message (claim check). Adapters: SQLite table, Azure blob container.</summary>
public interface IClaimCheckStore
{
    /// <summary>Stores a payload under a new key.</summary>
    /// <param name="payload">The payload (UTF-8 JSON).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The reference to put in the envelope.</returns>
    Task<string> PutAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);

    /// <summary>Reads a stored payload.</summary>
    /// <param name="reference">The reference returned by <see cref="PutAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The payload, or <see langword="null"/> when it no longer exists.</returns>
    Task<byte[]?> GetAsync(string reference, CancellationToken cancellationToken);

    /// <summary>Deletes a stored payload; a missing one is not an error.</summary>
    /// <param name="reference">The reference.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when deleted.</returns>
    Task DeleteAsync(string reference, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes payloads stored before <paramref name="storedBefore"/>: by then their messages have expired or been
    /// handled, so what is left is orphaned (a host stopped between storing and deleting).
    /// </summary>
    /// <param name="storedBefore">The cut-off.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many payloads were deleted.</returns>
    Task<int> PurgeAsync(DateTimeOffset storedBefore, CancellationToken cancellationToken);
}
