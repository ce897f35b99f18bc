using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Json;

/// <summary>
/// Parses a response body so that no parsed structure spans the whole of it: the root's properties, and each element of
/// a root-level array, get documents of their own. A change page of 5,000 records is then 5,000 small documents (young,
/// short-lived garbage) instead of one document whose copy and token table are megabytes on the large object heap,
/// which only full collections return: during an initial scan those piled up faster than they were collected.
/// </summary>
public static class SplitJson
{
    /// <summary>Parses UTF-8 JSON (a byte order mark is skipped); the result reads like <see cref="JsonNode.Parse(ReadOnlySpan{byte}, JsonNodeOptions?, JsonDocumentOptions)"/>'s.</summary>
    /// <param name="utf8">The body.</param>
    /// <returns>The root node; <see langword="null"/> for the JSON literal <c>null</c>.</returns>
    /// <exception cref="JsonException">The body is not one JSON value (empty, malformed or with trailing content).</exception>
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read())
        {
            throw new JsonException("The body holds no JSON value.");
        }

        var root = reader.TokenType switch
        {
            JsonTokenType.StartObject => ObjectOf(ref reader),
            JsonTokenType.StartArray => ArrayOf(ref reader),
            _ => JsonNode.Parse(ref reader),
        };
        if (reader.Read())
        {
            throw new JsonException($"Unexpected content after the JSON value at byte {reader.TokenStartIndex}.");
        }

        return root;
    }

    private static JsonObject ObjectOf(ref Utf8JsonReader reader)
    {
        var result = new JsonObject();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            result[name] = reader.TokenType == JsonTokenType.StartArray ? ArrayOf(ref reader) : JsonNode.Parse(ref reader);
        }

        return result;
    }

    private static JsonArray ArrayOf(ref Utf8JsonReader reader)
    {
        var result = new JsonArray();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            result.Add(JsonNode.Parse(ref reader));
        }

        return result;
    }
}
