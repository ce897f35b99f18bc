using System.Globalization;
using System.Text.Json;

namespace CrmBridge.Connectors.Erp;

/// <summary>Parses ERP webhook bodies; every rejection names what was wrong (never echoes values).</summary>
internal static class ErpWebhookParser
{
    public static (IReadOnlyList<(string Entity, RecordChange Change)>? Changes, string? Error) Parse(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return (null, "The body is empty; expected {\"entity\",\"id\",\"operation\",\"version\",\"seq\"}.");
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var elements = root.ValueKind switch
            {
                JsonValueKind.Object => [root],
                JsonValueKind.Array => root.EnumerateArray().ToList(),
                _ => null,
            };
            if (elements is null or { Count: 0 })
            {
                return (null, "The body must be a notification object or a non-empty array of them.");
            }

            var changes = new List<(string, RecordChange)>(elements.Count);
            for (var i = 0; i < elements.Count; i++)
            {
                var (change, error) = ParseOne(elements[i], root.ValueKind == JsonValueKind.Array ? $"[{i}]." : string.Empty);
                if (error is not null)
                {
                    return (null, error);
                }

                changes.Add(change);
            }

            return (changes, null);
        }
        catch (JsonException)
        {
            return (null, "The body is not valid JSON.");
        }
    }

    private static ((string, RecordChange) Change, string? Error) ParseOne(JsonElement element, string at)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return (default, $"{at}notification must be an object.");
        }

        if (RequiredString(element, "entity", at, out var entity) is { } entityError)
        {
            return (default, entityError);
        }

        if (RequiredString(element, "id", at, out var id) is { } idError)
        {
            return (default, idError);
        }

        var operation = ChangeOperation.Upsert;
        if (element.TryGetProperty("operation", out var op) && op.ValueKind != JsonValueKind.Null)
        {
            if (op.ValueKind != JsonValueKind.String || !TryOperation(op.GetString()!, out operation))
            {
                return (default, $"{at}operation must be \"upsert\" or \"delete\".");
            }
        }

        string? version = null;
        if (element.TryGetProperty("version", out var v) && v.ValueKind != JsonValueKind.Null)
        {
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var number))
            {
                return (default, $"{at}version must be an integer.");
            }

            version = number.ToString(CultureInfo.InvariantCulture);
        }

        if (element.TryGetProperty("seq", out var seq) && seq.ValueKind != JsonValueKind.Null && (seq.ValueKind != JsonValueKind.Number || !seq.TryGetInt64(out _)))
        {
            return (default, $"{at}seq must be an integer.");
        }

        return ((entity!, new RecordChange(id!, operation, version, null)), null);
    }

    private static string? RequiredString(JsonElement element, string name, string at, out string? value)
    {
        value = null;
        if (!element.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return $"{at}{name} is required.";
        }

        if (property.ValueKind != JsonValueKind.String)
        {
            return $"{at}{name} must be a string.";
        }

        value = property.GetString();
        return string.IsNullOrWhiteSpace(value) ? $"{at}{name} must not be empty." : null;
    }

    private static bool TryOperation(string text, out ChangeOperation operation)
    {
        operation = string.Equals(text, "delete", StringComparison.OrdinalIgnoreCase) ? ChangeOperation.Delete : ChangeOperation.Upsert;
        return string.Equals(text, "delete", StringComparison.OrdinalIgnoreCase) || string.Equals(text, "upsert", StringComparison.OrdinalIgnoreCase);
    }
}
