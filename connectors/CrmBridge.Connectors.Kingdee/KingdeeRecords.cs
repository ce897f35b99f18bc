using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Kingdee;

/// <summary>Reads whole records (header plus entries) of a form: one query row per entry, grouped by the primary key.</summary>
internal sealed class KingdeeRecords
{
    private readonly KingdeeQuery _query;

    public KingdeeRecords(KingdeeQuery query) => _query = query;

    /// <summary>Reads the records that match <paramref name="filter"/>, with their entries when the form has lines.</summary>
    public async Task<IReadOnlyList<JsonObject>> ReadAsync(KingdeeForm form, string filter, CancellationToken cancellationToken)
    {
        var keys = form.HeaderKeys.Concat(form.EntryKeys).ToList();
        var rows = await _query.AllAsync(form.FormId, keys, filter, OrderBy(form), cancellationToken).ConfigureAwait(false);
        return Group(form, rows);
    }

    /// <summary>Adds the entries of already-read headers (one query for all of them).</summary>
    public async Task AddEntriesAsync(KingdeeForm form, IReadOnlyList<JsonObject> headers, CancellationToken cancellationToken)
    {
        if (!form.HasEntries || headers.Count == 0)
        {
            return;
        }

        var pks = headers.Select(h => KingdeeJson.Text(KingdeeJson.Get(h, form.Options.PkField))).OfType<string>().ToList();
        var keys = new List<string> { form.Options.PkField };
        keys.AddRange(form.EntryKeys);
        var rows = await _query.AllAsync(form.FormId, keys, KingdeeQuery.In(form.Options.PkField, pks, numeric: true), OrderBy(form), cancellationToken).ConfigureAwait(false);
        var byPk = rows.GroupBy(r => KingdeeJson.Text(KingdeeJson.Get(r, form.Options.PkField)) ?? string.Empty).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var header in headers)
        {
            var pk = KingdeeJson.Text(KingdeeJson.Get(header, form.Options.PkField)) ?? string.Empty;
            header[form.Options.EntryKey!] = Entries(form, byPk.GetValueOrDefault(pk) ?? []);
        }
    }

    public static string OrderBy(KingdeeForm form) =>
        form.HasEntries ? $"{form.Options.PkField} ASC,{form.EntrySeqKey} ASC" : $"{form.Options.PkField} ASC";

    private static List<JsonObject> Group(KingdeeForm form, IReadOnlyList<JsonObject> rows)
    {
        var records = new List<JsonObject>();
        foreach (var group in rows.GroupBy(r => KingdeeJson.Text(KingdeeJson.Get(r, form.Options.PkField)) ?? string.Empty))
        {
            var header = new JsonObject();
            foreach (var key in form.HeaderKeys)
            {
                KingdeeQuery.Set(header, key, Pick(group.First(), key)?.DeepClone());
            }

            if (form.HasEntries)
            {
                header[form.Options.EntryKey!] = Entries(form, group.ToList());
            }

            records.Add(header);
        }

        return records;
    }

    private static JsonArray Entries(KingdeeForm form, List<JsonObject> rows)
    {
        var entries = new JsonArray();
        foreach (var row in rows)
        {
            // A bill without lines comes back as one row whose entry columns are empty.
            if (KingdeeJson.Long(KingdeeJson.Get(row, form.EntryIdKey)) is not > 0)
            {
                continue;
            }

            var entry = new JsonObject();
            foreach (var key in form.EntryKeys)
            {
                var name = string.Equals(key, form.EntryIdKey, StringComparison.OrdinalIgnoreCase) ? "FEntryID"
                    : string.Equals(key, form.EntrySeqKey, StringComparison.OrdinalIgnoreCase) ? "FSeq" : key;
                KingdeeQuery.Set(entry, name, Pick(row, key)?.DeepClone());
            }

            entries.Add(entry);
        }

        return entries;
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
}
