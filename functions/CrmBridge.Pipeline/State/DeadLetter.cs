using CrmBridge.Pipeline.Queueing;

namespace CrmBridge.Pipeline.State;

/// <summary>A change that could not be synced, with everything needed to understand and replay it.</summary>
public sealed record DeadLetter
{
    /// <summary>Gets the dead letter's id (assigned by the store).</summary>
    public string Id { get; init; } = "";

    /// <summary>Gets the envelope that failed (without any claim-checked snapshot: a replay reads fresh source data).</summary>
    public required ChangeEnvelope Envelope { get; init; }

    /// <summary>Gets the route that failed, or <see langword="null"/> when the failure was before routing.</summary>
    public string? Route { get; init; }

    /// <summary>Gets the machine-readable error code (<c>MAPPING_FAILED</c>, <c>HTTP_400</c>, <c>0x80044331</c>, …).</summary>
    public required string ErrorCode { get; init; }

    /// <summary>Gets the human-readable reason naming what was wrong.</summary>
    public required string Reason { get; init; }

    /// <summary>Gets when the change was dead-lettered (last time, when it failed repeatedly).</summary>
    public DateTimeOffset FailedAt { get; init; }

    /// <summary>Gets the status.</summary>
    public DeadLetterStatus Status { get; init; }

    /// <summary>Gets how often the same record failed on the same route while this dead letter was open (identical errors are deduplicated).</summary>
    public int Occurrences { get; init; } = 1;

    /// <summary>Gets the failed attempts that led here.</summary>
    public IReadOnlyList<AttemptNote> Attempts { get; init; } = [];
}
