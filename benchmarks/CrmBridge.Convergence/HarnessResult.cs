namespace CrmBridge.Convergence;

/// <summary>What the verification found, summed over every route.</summary>
internal sealed class HarnessResult
{
    public int Lost { get; set; }

    public int Duplicated { get; set; }

    public int Stale { get; set; }

    public int Orphaned { get; set; }

    public int Unmappable { get; set; }

    public int DeadLettered { get; set; }

    public int UnexpectedDeadLetters { get; set; }

    public int MissedUnmappable { get; set; }
}
