namespace CrmBridge.Pipeline.Operations;

/// <summary>What <see cref="DeadLetterService.TryReplayAsync"/> did, so hosts can say why a replay did not happen.</summary>
public enum ReplayOutcome
{
    /// <summary>A fresh envelope was enqueued and the dead letter marked replayed.</summary>
    Replayed = 0,

    /// <summary>No dead letter has that id.</summary>
    NotFound = 1,

    /// <summary>The dead letter was already replayed or dismissed.</summary>
    NotOpen = 2,

    /// <summary>The dead letter holds rejected input (a malformed call): there is no record to re-read.</summary>
    NotReplayable = 3,
}
