using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Kingdee;

/// <summary>
/// Recognises a write that would change nothing (a redelivery, or the same record synced twice at once), so an audited
/// record is not un-audited and re-audited for nothing — which would also make orders referencing it fail while it is
/// briefly unaudited. Only header scalars and base-data references (<c>{"FNumber":…}</c>) are compared; a document with
/// lines or sub-entities always counts as changed.
/// </summary>
internal static class KingdeeUnchanged
{
    /// <summary>The query keys that read back the comparable fields of the documents (<c>FName</c>, <c>FCustId.FNumber</c>).</summary>
    public static IEnumerable<string> Keys(KingdeeForm form, IEnumerable<JsonObject> documents) =>
        documents.SelectMany(d => d.Select(p => Key(form, p.Key, p.Value)).OfType<string>()).Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets whether every field of <paramref name="document"/> already has its value in <paramref name="row"/>.</summary>
    public static bool IsSame(KingdeeForm form, JsonObject document, JsonObject row)
    {
        foreach (var (key, value) in document)
        {
            if (Key(form, key, value) is not { } queryKey)
            {
                return false;
            }

            var current = Pick(row, queryKey);
            var wanted = value is JsonObject reference ? reference.Single().Value : value;
            if (!SameScalar(KingdeeJson.Text(wanted), KingdeeJson.Text(current)))
            {
                return false;
            }
        }

        return true;
    }

    private static string? Key(KingdeeForm form, string key, JsonNode? value)
    {
        if (string.Equals(key, form.Options.PkField, StringComparison.OrdinalIgnoreCase) || string.Equals(key, form.Options.EntryKey, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return value switch
        {
            null or JsonValue => key,
            JsonObject { Count: 1 } reference when reference.Single().Value is null or JsonValue => key + "." + reference.Single().Key,
            _ => null,
        };
    }

    private static JsonNode? Pick(JsonObject row, string key)
    {
        JsonNode? node = row;
        foreach (var part in key.Split('.'))
        {
            node = KingdeeJson.Get(node as JsonObject, part);
        }

        return node;
    }

    private static bool SameScalar(string? wanted, string? current)
    {
        if (string.IsNullOrEmpty(wanted) || string.IsNullOrEmpty(current))
        {
            return string.IsNullOrEmpty(wanted) && string.IsNullOrEmpty(current);
        }

        if (decimal.TryParse(wanted, NumberStyles.Number, CultureInfo.InvariantCulture, out var a) && decimal.TryParse(current, NumberStyles.Number, CultureInfo.InvariantCulture, out var b))
        {
            return a == b;
        }

        if (wanted.Length >= 10 && current.Length >= 10 && DateTime.TryParse(wanted, CultureInfo.InvariantCulture, DateTimeStyles.None, out var da)
            && DateTime.TryParse(current, CultureInfo.InvariantCulture, DateTimeStyles.None, out var db))
        {
            return da == db;
        }

        return string.Equals(wanted, current, StringComparison.Ordinal);
    }
}
