namespace CrmBridge.Functions.Polling;

/// <summary>Thrown at the end of a poll run in which some targets failed (each failure was logged with its cause).</summary>
public sealed class PollFailedException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="PollFailedException"/> class.</summary>
    /// <param name="targets">The failed targets (<c>system/entity</c>).</param>
    public PollFailedException(IReadOnlyList<string> targets)
        : base($"Polling failed for {string.Join(", ", targets)}; see the logged errors.") => Targets = targets;

    /// <summary>Initializes a new instance of the <see cref="PollFailedException"/> class.</summary>
    public PollFailedException()
        : this([])
    {
    }

    /// <summary>Gets the failed targets.</summary>
    public IReadOnlyList<string> Targets { get; }
}
