using CrmBridge.Connectors.Json;

namespace CrmBridge.Connectors.Dataverse;

/// <summary>
/// The answers to the requests of a <c>$batch</c> without change sets (GETs): one <c>application/http</c> part each, in
/// request order, as the documentation's batch examples show. Without <c>Prefer: odata.continue-on-error</c> Dataverse
/// stops at the first failing request and answers the batch with that request's status, its error inside the body.
/// </summary>
internal static class DataverseBatchResponse
{
    /// <summary>Gets whether a reply carries batch parts (<c>multipart/mixed</c>), whatever its status.</summary>
    /// <param name="reply">The <c>$batch</c> reply.</param>
    /// <returns><see langword="true"/> when multipart.</returns>
    public static bool IsMultipart(ConnectorReply reply) =>
        DataverseMultipart.IsMultipart(reply.Header("Content-Type"));

    /// <summary>Splits a <c>$batch</c> reply into the replies of its requests.</summary>
    /// <param name="reply">The <c>$batch</c> reply (multipart).</param>
    /// <returns>One reply per answered request, in order; a part's own <c>Retry-After</c> is parsed, else the batch's applies.</returns>
    /// <exception cref="FormatException">The body is not a batch response.</exception>
    public static List<ConnectorReply> Parts(ConnectorReply reply)
    {
        var parts = new List<ConnectorReply>();
        foreach (var (_, content) in DataverseMultipart.Split(DataverseMultipart.Boundary(reply.Header("Content-Type")), reply.Utf8))
        {
            var (status, headers, body) = DataverseMultipart.Response(content);
            parts.Add(new ConnectorReply(status, headers, body, ConnectorErrors.ParseRetryAfter(headers.GetValueOrDefault("Retry-After")) ?? reply.RetryAfter));
        }

        return parts;
    }
}
