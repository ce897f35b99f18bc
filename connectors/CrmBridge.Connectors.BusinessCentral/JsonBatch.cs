using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>
/// Builds and reads JSON <c>$batch</c> bodies: <c>{"requests":[{"id","method","url","headers","body"}]}</c> →
/// <c>{"responses":[{"id","status","headers","body"}]}</c> (at most 100 operations per call).
/// </summary>
internal static class JsonBatch
{
    /// <summary>The most operations one call may carry.</summary>
    public const int MaxOperations = 100;

    public static JsonObject Build(IReadOnlyList<BatchOperation> operations)
    {
        if (operations.Count is 0 or > MaxOperations)
        {
            throw new ArgumentOutOfRangeException(nameof(operations), operations.Count, $"A $batch carries 1 to {MaxOperations} operations.");
        }

        var requests = new JsonArray();
        foreach (var op in operations)
        {
            var headers = new JsonObject();
            if (op.Body is not null)
            {
                headers["Content-Type"] = "application/json";
            }

            if (op.IfMatch is not null)
            {
                headers["If-Match"] = op.IfMatch;
            }

            var request = new JsonObject { ["id"] = op.Id, ["method"] = op.Method, ["url"] = op.Url, ["headers"] = headers };
            if (op.Body is not null)
            {
                request["body"] = op.Body.DeepClone();
            }

            requests.Add(request);
        }

        return new JsonObject { ["requests"] = requests };
    }

    /// <summary>Reads the answers of a batch response; unknown or malformed entries are skipped.</summary>
    /// <param name="body">The response body.</param>
    /// <returns>The answers by request id.</returns>
    public static Dictionary<string, BatchAnswer> Parse(JsonObject? body)
    {
        var answers = new Dictionary<string, BatchAnswer>(StringComparer.Ordinal);
        foreach (var item in body?["responses"]?.AsArray() ?? [])
        {
            if (item is not JsonObject response || response["id"]?.ToString() is not { } id || !int.TryParse(response["status"]?.ToString(), out var status))
            {
                continue;
            }

            var retryAfter = response["headers"] is JsonObject headers
                ? ConnectorErrors.ParseRetryAfter(headers.FirstOrDefault(h => string.Equals(h.Key, "Retry-After", StringComparison.OrdinalIgnoreCase)).Value?.ToString())
                : null;
            answers[id] = new BatchAnswer(id, status, response["body"] as JsonObject, retryAfter);
        }

        return answers;
    }
}
