namespace CrmBridge.Sandbox.Dataverse;

/// <summary>One top-level part of a <c>$batch</c>: a single request, or a changeset of requests that succeed or fail together.</summary>
/// <param name="Operations">The request (one) or the changeset's requests.</param>
/// <param name="IsChangeset">Whether the part is a changeset.</param>
public sealed record BatchPart(IReadOnlyList<BatchOperation> Operations, bool IsChangeset);
