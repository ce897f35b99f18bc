using CrmBridge.Connectors;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Pipeline.Stage;

/// <summary>Why a route (or a whole envelope) could not complete.</summary>
/// <param name="Code">The machine-readable error code (<see cref="DeadLetterCodes"/> or the connector's).</param>
/// <param name="Message">What was wrong.</param>
/// <param name="Retryable">Whether a retry may succeed.</param>
/// <param name="Error">The connector error, when there was one (carries Retry-After and quota semantics).</param>
/// <param name="Defer">Whether the route waits for a dependency rather than retrying.</param>
internal sealed record StageFailure(string Code, string Message, bool Retryable, ConnectorException? Error = null, bool Defer = false)
{
    public static StageFailure From(ConnectorException ex) =>
        new(ex.ErrorCode, $"{ex.System}: {ex.Message}", ex.IsRetryable, ex);

    public static StageFailure Permanent(string code, string message) => new(code, message, false);

    public static StageFailure Unexpected(Exception ex) =>
        new(DeadLetterCodes.UnexpectedPrefix + ex.GetType().Name.ToUpperInvariant(), $"{ex.GetType().Name}: {ex.Message}", true);

    public static StageFailure Deferred(string message) => new(DeadLetterCodes.DependencyPending, message, true, Defer: true);

    /// <summary>Classifies an exception a collaborator caught (cancellation is never caught).</summary>
    /// <param name="ex">The exception.</param>
    /// <returns>The failure.</returns>
    public static StageFailure Of(Exception ex) => ex is ConnectorException c ? From(c) : Unexpected(ex);
}
