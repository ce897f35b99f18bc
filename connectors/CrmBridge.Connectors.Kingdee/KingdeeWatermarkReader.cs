using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Kingdee;

/// <summary>
/// Reads one page of a form's changes after a <see cref="KingdeeCursor"/>: <c>FModifyDate &gt; w OR (FModifyDate = w AND pk &gt; i)</c>
/// ordered by time then pk. Times have no sub-second guarantee, so the newest time is not treated as finished: until it
/// is <see cref="KingdeeConnectorOptions.WatermarkSettle"/> old, the next poll reads it again from pk 0 and hands on only
/// records whose content fingerprint changed (the pipeline's ledger drops what still repeats).
/// </summary>
internal sealed class KingdeeWatermarkReader(KingdeeQuery query, KingdeeClock clock)
{
    /// <summary>Reads a page; returns the changed records' rows grouped by pk (several rows when entry fields are read).</summary>
    public async Task<(List<List<JsonObject>> Changed, bool Full)> ReadAsync(
        string formId, string pkField, string modifyField, IReadOnlyList<string> fieldKeys, string? extraFilter, KingdeeCursor cursor, CancellationToken cancellationToken)
    {
        var options = query.Options;
        var filter = cursor.At is null
            ? string.Empty
            : $"({modifyField} > '{cursor.At}' OR ({modifyField} = '{cursor.At}' AND {pkField} > {cursor.LastPk.ToString(CultureInfo.InvariantCulture)}))";
        if (!string.IsNullOrWhiteSpace(extraFilter))
        {
            filter = filter.Length == 0 ? extraFilter : $"{filter} AND ({extraFilter})";
        }

        var keys = new List<string> { pkField, modifyField };
        keys.AddRange(fieldKeys.Where(k => !k.Equals(pkField, StringComparison.OrdinalIgnoreCase) && !k.Equals(modifyField, StringComparison.OrdinalIgnoreCase)));
        var rows = await query.PageAsync(formId, keys, filter, $"{modifyField} ASC,{pkField} ASC", 0, options.PageSize, cancellationToken).ConfigureAwait(false);
        var full = rows.Count >= options.PageSize;
        var groups = rows.GroupBy(r => KingdeeJson.Long(r[pkField]) ?? 0).ToList();
        if (full && groups.Count > 1)
        {
            groups.RemoveAt(groups.Count - 1); // the last record may continue on the next page: read it whole there
        }

        var changed = new List<List<JsonObject>>();
        var atTime = KingdeeClock.Parse(cursor.At);
        foreach (var group in groups)
        {
            var list = group.ToList();
            var time = KingdeeClock.Parse(KingdeeJson.Text(list[0][modifyField]));
            if (time is null)
            {
                continue;
            }

            var fingerprint = Fingerprint(list);
            var pk = group.Key.ToString(CultureInfo.InvariantCulture);
            if (time != atTime)
            {
                atTime = time;
                cursor.At = KingdeeClock.Filter(time.Value);
                cursor.Seen = new Dictionary<string, string>(StringComparer.Ordinal);
            }

            cursor.LastPk = group.Key;
            if (cursor.Seen.TryGetValue(pk, out var seen) && seen == fingerprint)
            {
                continue; // re-read of the open second, unchanged
            }

            cursor.Seen[pk] = fingerprint;
            changed.Add(list);
        }

        if (!full && atTime is { } newest)
        {
            if (clock.IsSettled(newest, options.WatermarkSettle))
            {
                cursor.Seen.Clear();
            }
            else
            {
                cursor.LastPk = 0; // read the open second again next time
            }
        }

        return (changed, full);
    }

    private static string Fingerprint(List<JsonObject> rows)
    {
        var text = string.Join("\n", rows.Select(r => r.ToJsonString()));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
    }
}
