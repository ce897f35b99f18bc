namespace CrmBridge.Sandbox.Dataverse;

/// <summary>One request of a <c>$batch</c> body.</summary>
/// <param name="ContentId">The part's <c>Content-ID</c>, when given.</param>
/// <param name="Request">The request (path relative to <c>/api/data/v9.2/</c>).</param>
public sealed record BatchOperation(string? ContentId, DataverseRequest Request)
{
    /// <summary>Gets the URL as the part's request line wrote it (absolute, absolute path or relative).</summary>
    public string Url { get; init; } = string.Empty;
}
