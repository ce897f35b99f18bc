using System.Text;
using System.Text.Json;

namespace CrmBridge.Connectors.Zoho;

/// <summary>Removes the channel token (a secret) from a callback body before it is kept as a rejected-input dead letter.</summary>
internal static class ZohoCallbackRedactor
{
    /// <summary>Rewrites the body without its top-level <c>token</c> properties (duplicates kept as sent otherwise).</summary>
    /// <param name="body">The UTF-8 body (already known to be a JSON object).</param>
    /// <returns>The body as text without the token.</returns>
    public static string WithoutToken(ReadOnlyMemory<byte> body)
    {
        using var document = JsonDocument.Parse(body);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in document.RootElement.EnumerateObject().Where(p => !p.NameEquals("token")))
            {
                property.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
