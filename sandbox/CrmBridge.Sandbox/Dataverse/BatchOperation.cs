namespace CrmBridge.Sandbox.Dataverse;

/// <summary>One request of a <c>$batch</c> body.</summary>
/// <param name="ContentId">The part's <c>Content-ID</c>, when given.</param>
/// <param name="Request">The request (path relative to <c>/api/data/v9.2/</c>).</param>
public sealed record BatchOperation(string? ContentId, DataverseRequest Request);
