namespace CrmBridge.Pipeline.Operations;

/// <summary>Progress of a reconcile: which phase and how many records it has handled.</summary>
/// <param name="Phase"><c>read</c> (source pages), <c>compare</c> (per route) or <c>orphans</c> (target pages).</param>
/// <param name="Done">Records handled in the phase so far.</param>
/// <param name="Total">Records to handle in the phase, or 0 when unknown (reading pages).</param>
public sealed record ReconcileProgress(string Phase, int Done, int Total);
