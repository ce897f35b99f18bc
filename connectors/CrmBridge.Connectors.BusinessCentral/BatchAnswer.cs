using System.Text.Json.Nodes;
using CrmBridge.Connectors.Json;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>One answer of a JSON <c>$batch</c>.</summary>
/// <param name="Id">The request id it answers.</param>
/// <param name="Status">The HTTP status of the operation.</param>
/// <param name="Body">The JSON body (the record, or an error envelope).</param>
/// <param name="RetryAfter">The operation's Retry-After header, if any.</param>
internal sealed record BatchAnswer(string Id, int Status, JsonObject? Body, TimeSpan? RetryAfter)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>Gets the answer as a reply, for the shared error classification.</summary>
    /// <returns>The reply.</returns>
    public ConnectorReply AsReply() =>
        new(Status, new Dictionary<string, string>(), Body?.ToJsonString() ?? string.Empty, RetryAfter);
}
