using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>An API response read to the end.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Headers">The response and content headers.</param>
/// <param name="Body">The body text.</param>
/// <param name="RetryAfter">The parsed Retry-After, if any.</param>
internal sealed record BusinessCentralReply(int Status, IReadOnlyDictionary<string, string> Headers, string Body, TimeSpan? RetryAfter)
{
    public bool IsSuccess => Status is >= 200 and < 300;

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
