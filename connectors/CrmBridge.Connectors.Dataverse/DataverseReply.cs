using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Dataverse;

/// <summary>A Web API response read to the end (status, the headers the connector uses, body text).</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Headers">The response and content headers that matter (ETag, OData-EntityId, Retry-After, Content-Type).</param>
/// <param name="Body">The body text.</param>
/// <param name="RetryAfter">The parsed Retry-After.</param>
internal sealed record DataverseReply(int Status, IReadOnlyDictionary<string, string> Headers, string Body, TimeSpan? RetryAfter)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public JsonObject? Json()
    {
        if (string.IsNullOrWhiteSpace(Body))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(Body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
