using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Dataverse;

/// <summary>Classifies Dataverse error responses (<c>{"error":{"code","message"}}</c>).</summary>
internal static class DataverseErrors
{
    /// <summary>Service protection: requests (0x80072322), execution time (0x80072321), concurrency (0x80072326).</summary>
    public static readonly IReadOnlySet<string> ThrottleCodes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "0x80072322", "0x80072321", "0x80072326" };

    /// <summary>ExpiredVersionStamp: the delta token is too old; a full sync is needed.</summary>
    public const string ExpiredVersionStamp = "0x80044352";

    public static ConnectorException From(string system, int status, string body, TimeSpan? retryAfter)
    {
        string? code = null;
        var message = $"HTTP {status}";
        try
        {
            if (JsonNode.Parse(body)?["error"] is JsonObject error)
            {
                // "frequently empty", the documentation says of the code: an empty one is no code.
                code = error["code"]?.ToString() is { Length: > 0 } text ? text : null;
                message = error["message"]?.ToString() ?? message;
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON (a proxy's HTML page): keep the status as the message.
        }

        var kind = code is not null && ThrottleCodes.Contains(code) ? ErrorKind.Throttled
            : code == ExpiredVersionStamp ? ErrorKind.CheckpointExpired
            : ConnectorErrors.Classify(status);
        return new ConnectorException(system, kind, code ?? $"HTTP_{status}", $"{system}: {message}", status, retryAfter);
    }
}
