using System.Globalization;
using System.Text.Json;

namespace CrmBridge.Connectors.Dataverse;

/// <summary>Reads the fields CrmBridge needs from a webhook's RemoteExecutionContext JSON body.</summary>
internal static class RemoteExecutionContextParser
{
    /// <summary>Parses a body.</summary>
    /// <param name="body">The UTF-8 body.</param>
    /// <param name="context">The parsed context.</param>
    /// <param name="error">What was wrong, when parsing failed.</param>
    /// <returns><see langword="true"/> when the body is a usable context.</returns>
    public static bool TryParse(ReadOnlyMemory<byte> body, out RemoteExecutionContext context, out string? error)
    {
        context = default;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "the body is not a JSON object";
                return false;
            }

            var message = Text(root, "MessageName");
            var entity = Text(root, "PrimaryEntityName");
            if (message is null || entity is null)
            {
                error = "MessageName and PrimaryEntityName are required";
                return false;
            }

            if (!Guid.TryParse(Text(root, "PrimaryEntityId"), out var id))
            {
                error = "PrimaryEntityId is missing or not a GUID";
                return false;
            }

            context = new RemoteExecutionContext(
                message, entity, id, Text(root, "CorrelationId"), GuidOf(root, "UserId"), GuidOf(root, "InitiatingUserId"),
                WcfDate(Text(root, "OperationCreatedOn")), RowVersion(root));
            error = null;
            return true;
        }
        catch (JsonException e)
        {
            error = $"the body is not valid JSON ({e.Message})";
            return false;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return false;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Guid? GuidOf(JsonElement root, string name) => Guid.TryParse(Text(root, name), out var id) ? id : null;

    /// <summary>Parses a WCF date, <c>/Date(1506384247000)/</c> (JSON-escaped as <c>\/Date(...)\/</c>), with an optional offset.</summary>
    /// <exception cref="FormatException">The value starts like a WCF date but is not one.</exception>
    internal static DateTimeOffset? WcfDate(string? text)
    {
        if (text is null || !text.StartsWith("/Date(", StringComparison.Ordinal))
        {
            return null;
        }

        var close = text.IndexOf(')', StringComparison.Ordinal);
        var inner = close > 6 ? text[6..close] : string.Empty;
        var sign = inner.IndexOfAny(['+', '-'], Math.Min(1, inner.Length));
        var millis = sign > 0 ? inner[..sign] : inner;
        const long Max = 253402300799999; // 9999-12-31T23:59:59.999Z
        return long.TryParse(millis, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms) && ms is >= -62135596800000 and <= Max
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : throw new FormatException($"'{(text.Length > 40 ? text[..40] + "..." : text)}' is not a /Date(milliseconds)/ value");
    }

    /// <summary>
    /// The row version: the entity's <c>RowVersion</c> when set, else the post image's <c>versionnumber</c> attribute. Real
    /// messages usually carry <c>RowVersion: null</c>; registering the post image with <c>versionnumber</c> lets the stage
    /// tell an echo before it reads the record.
    /// </summary>
    private static string? RowVersion(JsonElement root)
    {
        foreach (var listName in new[] { "PostEntityImages", "InputParameters" })
        {
            foreach (var entity in Entities(root, listName))
            {
                if (entity.TryGetProperty("RowVersion", out var version) && version.ValueKind == JsonValueKind.String)
                {
                    return version.GetString();
                }
            }
        }

        foreach (var image in Entities(root, "PostEntityImages"))
        {
            if (image.TryGetProperty("Attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Array)
            {
                foreach (var attribute in attributes.EnumerateArray())
                {
                    if (attribute.ValueKind == JsonValueKind.Object && Text(attribute, "key") == "versionnumber" && attribute.TryGetProperty("value", out var value)
                        && value.ValueKind is JsonValueKind.Number or JsonValueKind.String)
                    {
                        return value.ValueKind == JsonValueKind.Number ? value.GetRawText() : value.GetString();
                    }
                }
            }
        }

        return null;
    }

    private static IEnumerable<JsonElement> Entities(JsonElement root, string listName)
    {
        if (!root.TryGetProperty(listName, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var pair in list.EnumerateArray())
        {
            if (pair.ValueKind == JsonValueKind.Object && pair.TryGetProperty("value", out var entity) && entity.ValueKind == JsonValueKind.Object)
            {
                yield return entity;
            }
        }
    }
}
