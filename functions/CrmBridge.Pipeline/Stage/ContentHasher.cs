using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Pipeline.Stage;

/// <summary>Hashes a mapped document canonically (properties sorted), so equal content always has an equal hash.</summary>
public static class ContentHasher
{
    /// <summary>Computes the hash.</summary>
    /// <param name="document">The document.</param>
    /// <returns>A base64url SHA-256 of the canonical JSON.</returns>
    public static string Hash(JsonNode? document)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteCanonical(writer, document);
        }

        var hash = SHA256.HashData(buffer.WrittenSpan);
        return Convert.ToBase64String(hash).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    WriteCanonical(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    /// <summary>Hashes a string (for ids of unparseable messages).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The first 16 hex characters of its SHA-256.</returns>
    public static string HashText(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
