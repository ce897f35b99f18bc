using CrmBridge.Connectors;

namespace CrmBridge.Pipeline.State;

/// <summary>The dead-letter store: nothing is dropped silently, everything failed can be listed, inspected and replayed.</summary>
public interface IDeadLetterStore
{
    /// <summary>
    /// Adds a dead letter. When an open one exists for the same source record and route, it is updated instead
    /// (reason, attempts, <see cref="DeadLetter.Occurrences"/> + 1) and keeps its id.
    /// </summary>
    /// <param name="deadLetter">The dead letter (its <see cref="DeadLetter.Id"/> is ignored).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The dead letter's id.</returns>
    Task<string> AddDeadLetterAsync(DeadLetter deadLetter, CancellationToken cancellationToken);

    /// <summary>Reads one dead letter.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The dead letter, or <see langword="null"/>.</returns>
    Task<DeadLetter?> GetDeadLetterAsync(string id, CancellationToken cancellationToken);

    /// <summary>Lists dead letters, newest first.</summary>
    /// <param name="query">The filters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The matching dead letters.</returns>
    Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(DeadLetterQuery query, CancellationToken cancellationToken);

    /// <summary>Changes a dead letter's status (replayed, dismissed).</summary>
    /// <param name="id">The id.</param>
    /// <param name="status">The new status.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when it existed.</returns>
    Task<bool> SetDeadLetterStatusAsync(string id, DeadLetterStatus status, CancellationToken cancellationToken);

    /// <summary>
    /// Closes the open dead letters of records that have now been delivered: for each source record, its letter on the
    /// route and its route-less letter (a failure before routing) become <see cref="DeadLetterStatus.Resolved"/>.
    /// </summary>
    /// <param name="delivered">The source records and the routes they were delivered on.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many letters were closed.</returns>
    Task<int> ResolveDeadLettersAsync(IReadOnlyCollection<(RecordRef Source, string Route)> delivered, CancellationToken cancellationToken);

    /// <summary>
    /// Counts the open dead letters per source system, entity and route without reading their envelopes (status
    /// reports and the rejected-input cap use it; it stays cheap however many letters there are).
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One count per (system, entity, route) that has open letters.</returns>
    Task<IReadOnlyList<DeadLetterCount>> CountOpenDeadLettersAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Deletes what retention no longer keeps: closed letters (dismissed, resolved, replayed) and every letter holding a
    /// raw body (<see cref="DeadLetterCodes.RejectedInput"/>, <see cref="DeadLetterCodes.Poison"/>), last failed before
    /// <paramref name="failedBefore"/>.
    /// </summary>
    /// <param name="failedBefore">The cut-off.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many letters were deleted.</returns>
    Task<int> PurgeDeadLettersAsync(DateTimeOffset failedBefore, CancellationToken cancellationToken);
}
