namespace CrmBridge.Pipeline.State;

/// <summary>
/// The error codes the pipeline itself gives failures and dead letters; each is explained, with what to do, in
/// <c>docs/dead-letter-codes.md</c>. A connector failure keeps the connector's own code (<c>HTTP_503</c>,
/// <c>VALIDATION</c>, <c>0x80072322</c>, …) instead.
/// </summary>
public static class DeadLetterCodes
{
    /// <summary>The message was received more than <c>MaxDequeueCount</c> times, or the host moved it to the poison queue.</summary>
    public const string Poison = "POISON";

    /// <summary>An authenticated call (a webhook body) that could not be understood; kept for inspection, not replayable.</summary>
    public const string RejectedInput = "REJECTED_INPUT";

    /// <summary>The envelope names a route that is no longer in the loaded mappings.</summary>
    public const string RouteNotFound = "ROUTE_NOT_FOUND";

    /// <summary>The mapping reported field errors for the record.</summary>
    public const string MappingFailed = "MAPPING_FAILED";

    /// <summary>The mapped document has no value in the route's target key field.</summary>
    public const string MissingKey = "MISSING_KEY";

    /// <summary>A field rule uses a lookup the route does not define.</summary>
    public const string UnknownLookup = "UNKNOWN_LOOKUP";

    /// <summary>A referenced record is not synced yet (attempt history only: the envelope is deferred, not dead-lettered).</summary>
    public const string DependencyPending = "DEPENDENCY_PENDING";

    /// <summary>The envelope was deferred <c>MaxDeferrals</c> times waiting for a referenced record.</summary>
    public const string DependencyUnresolved = "DEPENDENCY_UNRESOLVED";

    /// <summary>A referenced record failed permanently (it has a dead letter of its own).</summary>
    public const string DependencyFailed = "DEPENDENCY_FAILED";

    /// <summary>A referenced record is excluded by its route's filter, so it never reaches the target.</summary>
    public const string DependencyFiltered = "DEPENDENCY_FILTERED";

    /// <summary>A referenced record does not exist in its source system.</summary>
    public const string DependencyNotFound = "DEPENDENCY_NOT_FOUND";

    /// <summary>No connector is configured for the route's target system.</summary>
    public const string NoConnector = "NO_CONNECTOR";

    /// <summary>A batch call returned no result for one of its items.</summary>
    public const string BatchResultMissing = "BATCH_RESULT_MISSING";

    /// <summary>A batch call reported an item failed without saying why.</summary>
    public const string BatchItemFailed = "BATCH_ITEM_FAILED";

    /// <summary>The prefix of codes for unexpected exceptions (<c>UNEXPECTED_INVALIDOPERATIONEXCEPTION</c>, …).</summary>
    public const string UnexpectedPrefix = "UNEXPECTED_";
}
