namespace CrmBridge.Pipeline.Operations;

/// <summary>One thing wrong with a connection.</summary>
/// <param name="Kind">What kind (alert rules pick theirs).</param>
/// <param name="Key">What exactly, for de-duplication (the system, or system/entity, or system/channel).</param>
/// <param name="Text">One line: what is wrong, since when, what to do.</param>
public sealed record ConnectionProblem(ConnectionProblemKind Kind, string Key, string Text);
