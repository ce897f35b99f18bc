using CrmBridge.Connectors;

namespace CrmBridge.Pipeline.State;

/// <summary>Cross-references of ids between systems, readable in both directions.</summary>
public interface ICrossReferenceStore
{
    /// <summary>Stores a cross-reference; readable from either side afterwards. Replaces an earlier one for the same pair of entities.</summary>
    /// <param name="reference">The cross-reference.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    Task PutCrossReferenceAsync(CrossReference reference, CancellationToken cancellationToken);

    /// <summary>Finds the id of the record in <paramref name="otherSystem"/>/<paramref name="otherEntity"/> that corresponds to <paramref name="from"/>.</summary>
    /// <param name="from">The known record.</param>
    /// <param name="otherSystem">The other system.</param>
    /// <param name="otherEntity">The other entity.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The other record's id, or <see langword="null"/> when the record was never synced.</returns>
    Task<string?> FindCrossReferenceAsync(RecordRef from, string otherSystem, string otherEntity, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the cross-reference between <paramref name="from"/> and its record in <paramref name="otherSystem"/>/<paramref name="otherEntity"/>
    /// (both directions), after that record was deleted. Does nothing when there is none.
    /// </summary>
    /// <param name="from">The known record.</param>
    /// <param name="otherSystem">The other system.</param>
    /// <param name="otherEntity">The other entity.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when removed.</returns>
    Task DeleteCrossReferenceAsync(RecordRef from, string otherSystem, string otherEntity, CancellationToken cancellationToken);
}
