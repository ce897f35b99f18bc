using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Kingdee;

/// <summary>
/// ExecuteBillQuery over the store: one row per bill, or per entry when a requested, filtered or sorted field is an entry
/// field (a bill without entries still gives one row, its entry columns null); values in <c>FieldKeys</c> order.
/// </summary>
internal static class KingdeeQueryEngine
{
    public static List<JsonArray> Run(KingdeeBillStore store, KingdeeSandboxForm form, IReadOnlyList<string> fieldKeys, string? filter, string? order, int startRow, int limit, int top) =>
        store.Locked(() => RunLocked(store.LiveAll(form.FormId), form, fieldKeys, filter, order, startRow, limit, top)); // values are copied out

    private static List<JsonArray> RunLocked(IEnumerable<JsonObject> bills, KingdeeSandboxForm form, IReadOnlyList<string> fieldKeys, string? filter, string? order, int startRow, int limit, int top)
    {
        var predicate = KingdeeFilter.Parse(filter);
        var sorts = (order ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(p => (Field: p[0], Descending: p.Length > 1 && p[1].Equals("DESC", StringComparison.OrdinalIgnoreCase)))
            .ToList();
        var touched = fieldKeys.Concat(KingdeeFilter.Fields(filter)).Concat(sorts.Select(s => s.Field)).ToList();
        var rows = new List<(JsonObject Bill, JsonObject? Entry)>();
        foreach (var bill in bills)
        {
            var entries = form.EntryKey is null ? null : KingdeeSandboxJson.Get(bill, form.EntryKey) as JsonArray;
            var expand = entries is not null && touched.Any(k => IsEntryField(form, bill, entries, k));
            if (expand && entries!.Count > 0)
            {
                rows.AddRange(entries.OfType<JsonObject>().Select(e => (bill, (JsonObject?)e)));
            }
            else
            {
                rows.Add((bill, null));
            }
        }

        IEnumerable<(JsonObject Bill, JsonObject? Entry)> selected = rows.Where(r => predicate(k => Value(form, r.Bill, r.Entry, k)));
        IOrderedEnumerable<(JsonObject Bill, JsonObject? Entry)>? sorted = null;
        foreach (var (field, descending) in sorts)
        {
            var comparer = Comparer<object?>.Create(KingdeeFilter.Compare);
            Func<(JsonObject Bill, JsonObject? Entry), object?> key = r => Value(form, r.Bill, r.Entry, field);
            sorted = sorted is null
                ? (descending ? selected.OrderByDescending(key, comparer) : selected.OrderBy(key, comparer))
                : (descending ? sorted.ThenByDescending(key, comparer) : sorted.ThenBy(key, comparer));
        }

        var result = (sorted ?? selected).Skip(startRow).Take(limit);
        if (top > 0)
        {
            result = result.Take(top);
        }

        return result.Select(r => new JsonArray(fieldKeys.Select(k => Node(form, r.Bill, r.Entry, k)).ToArray())).ToList();
    }

    private static bool IsEntryField(KingdeeSandboxForm form, JsonObject bill, JsonArray entries, string key)
    {
        if (key.StartsWith(form.EntryKey + "_", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var head = key.Split('.')[0];
        return KingdeeSandboxJson.Key(bill, head) is null && entries.OfType<JsonObject>().Any(e => KingdeeSandboxJson.Key(e, head) is not null);
    }

    private static object? Value(KingdeeSandboxForm form, JsonObject bill, JsonObject? entry, string key) =>
        Node(form, bill, entry, key) is JsonValue value ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            JsonValueKind.True => "1",
            JsonValueKind.False => "0",
            _ => null,
        } : null;

    private static JsonNode? Node(KingdeeSandboxForm form, JsonObject bill, JsonObject? entry, string key)
    {
        if (form.EntryKey is not null && key.StartsWith(form.EntryKey + "_", StringComparison.OrdinalIgnoreCase))
        {
            return KingdeeSandboxJson.Get(entry, key[(form.EntryKey.Length + 1)..])?.DeepClone();
        }

        var parts = key.Split('.');
        var node = KingdeeSandboxJson.Get(bill, parts[0]) ?? KingdeeSandboxJson.Get(entry, parts[0]);
        foreach (var part in parts.Skip(1))
        {
            node = KingdeeSandboxJson.Get(node as JsonObject, part);
        }

        // A base-data field asked without a sub-field: K3Cloud answers its internal id; the emulator answers its number.
        return node is JsonObject reference ? JsonValue.Create(KingdeeSandboxJson.Reference(reference)) : node?.DeepClone();
    }
}
