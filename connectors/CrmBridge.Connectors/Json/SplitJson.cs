using System.Buffers;
using System.Text;
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
        var reader = new Utf8JsonReader(utf8.StartsWith("\uFEFF"u8) ? utf8[3..] : utf8);
        return Parse(ref reader);
    }

    /// <summary>Parses UTF-8 JSON held in segments (<see cref="SegmentedBuffer"/>), as <see cref="Parse(ReadOnlySpan{byte})"/> does.</summary>
    /// <param name="utf8">The body.</param>
    /// <returns>The root node; <see langword="null"/> for the JSON literal <c>null</c>.</returns>
    /// <exception cref="JsonException">The body is not one JSON value.</exception>
    public static JsonNode? Parse(ReadOnlySequence<byte> utf8)
    {
        var reader = new Utf8JsonReader(WithoutByteOrderMark(utf8));
        return Parse(ref reader);
    }

    /// <summary>Skips a UTF-8 byte order mark.</summary>
    /// <param name="utf8">The bytes.</param>
    /// <returns>The bytes after the mark, or all of them.</returns>
    public static ReadOnlySequence<byte> WithoutByteOrderMark(ReadOnlySequence<byte> utf8)
    {
        Span<byte> start = stackalloc byte[3];
        if (utf8.Length < 3)
        {
            return utf8;
        }

        utf8.Slice(0, 3).CopyTo(start);
        return start.SequenceEqual("\uFEFF"u8) ? utf8.Slice(3) : utf8;
    }

    /// <summary>Gets whether a body is empty or white space (as <see cref="string.IsNullOrWhiteSpace(string)"/> reads its text).</summary>
    /// <param name="utf8">The body.</param>
    /// <returns><see langword="true"/> when there is nothing to parse.</returns>
    public static bool IsBlank(ReadOnlySequence<byte> utf8)
    {
        foreach (var segment in utf8)
        {
            foreach (var b in segment.Span)
            {
                if (b >= 0x80)
                {
                    // Non-ASCII (a no-break space, an ideographic space): decide on the text.
                    return string.IsNullOrWhiteSpace(Encoding.UTF8.GetString(utf8));
                }

                if (!char.IsWhiteSpace((char)b))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static JsonNode? Parse(ref Utf8JsonReader reader)
    {
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
