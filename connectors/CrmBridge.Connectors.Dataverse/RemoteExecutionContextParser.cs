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
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Guid? GuidOf(JsonElement root, string name) => Guid.TryParse(Text(root, name), out var id) ? id : null;

    /// <summary>Parses a WCF date, <c>/Date(1506384247000)/</c> (JSON-escaped as <c>\/Date(...)\/</c>), with an optional offset.</summary>
    internal static DateTimeOffset? WcfDate(string? text)
    {
        if (text is null || !text.StartsWith("/Date(", StringComparison.Ordinal))
        {
            return null;
        }

        var inner = text[6..text.IndexOf(')', StringComparison.Ordinal)];
        var sign = inner.IndexOfAny(['+', '-'], 1);
        var millis = sign > 0 ? inner[..sign] : inner;
        return long.TryParse(millis, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    /// <summary>The row version from the post image (<c>versionnumber</c>) or the Target's <c>RowVersion</c>, when present.</summary>
    private static string? RowVersion(JsonElement root)
    {
        foreach (var listName in new[] { "PostEntityImages", "InputParameters" })
        {
            if (!root.TryGetProperty(listName, out var list) || list.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var pair in list.EnumerateArray())
            {
                if (pair.ValueKind == JsonValueKind.Object && pair.TryGetProperty("value", out var entity) && entity.ValueKind == JsonValueKind.Object
                    && entity.TryGetProperty("RowVersion", out var version) && version.ValueKind == JsonValueKind.String)
                {
                    return version.GetString();
                }
            }
        }

        return null;
    }
}
