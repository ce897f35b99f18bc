using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Kingdee;

/// <summary>
/// Builds the <c>Model</c> of a save from the mapped document: the key field, <c>pk = 0</c> plus the form's create defaults
/// for a new record, or the found pk and the existing entries' <c>FEntryID</c>s (matched by line position) for an update.
/// Lines beyond the existing ones are created; existing lines beyond the document's are deleted (<c>IsDeleteEntry</c>).
/// </summary>
internal static class KingdeeModelBuilder
{
    public static JsonObject Build(KingdeeForm form, KingdeeWriteItem item)
    {
        var o = form.Options;
        var model = (JsonObject)item.Request.Data.DeepClone();
        model[o.KeyField] = item.Request.KeyValue;
        if (item.Existing is null)
        {
            model[o.PkField] = 0;
            foreach (var (field, json) in o.CreateDefaults)
            {
                if (KingdeeJson.Get(model, field) is null)
                {
                    model[field] = ParseDefault(json);
                }
            }

            return model;
        }

        model[o.PkField] = long.TryParse(item.Existing.Pk, out var pk) ? pk : item.Existing.Pk;
        if (form.HasEntries && EntryArray(form, model) is { } entries)
        {
            for (var i = 0; i < entries.Count; i++)
            {
                if (entries[i] is JsonObject entry)
                {
                    entry["FEntryID"] = i < item.Existing.EntryIds.Count ? item.Existing.EntryIds[i] : 0;
                }
            }
        }

        return model;
    }

    /// <summary>The fields an update names in <c>NeedUpDateFields</c>: header fields, the entry key and the entry fields.</summary>
    public static IEnumerable<string> UpdateFields(KingdeeForm form, JsonObject model)
    {
        var o = form.Options;
        foreach (var (key, value) in model)
        {
            if (string.Equals(key, o.PkField, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            yield return key;

            // A sub-entity (FSaleOrderFinance{FSettleCurrId…}) lists its own fields; a base-data reference ({FNumber}) does not.
            if (value is JsonObject child && !child.Any(p => p.Key.ToUpperInvariant() is "FNUMBER" or "FCODE" or "FUSERID" or "FNAME"))
            {
                foreach (var (childKey, _) in child)
                {
                    yield return childKey;
                }
            }

            if (form.HasEntries && string.Equals(key, o.EntryKey, StringComparison.OrdinalIgnoreCase) && value is JsonArray entries)
            {
                foreach (var field in entries.OfType<JsonObject>().SelectMany(e => e.Select(p => p.Key)).Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    if (!string.Equals(field, "FEntryID", StringComparison.OrdinalIgnoreCase))
                    {
                        yield return field;
                    }
                }
            }
        }
    }

    private static JsonArray? EntryArray(KingdeeForm form, JsonObject model) => KingdeeJson.Get(model, form.Options.EntryKey!) as JsonArray;

    private static JsonNode? ParseDefault(string json)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return JsonValue.Create(json); // a plain text default such as XSDD01_SYS
        }
    }
}
