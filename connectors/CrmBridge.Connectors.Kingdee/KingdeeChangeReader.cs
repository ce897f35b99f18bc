using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Connectors.Kingdee;

/// <summary>
/// Change polling: the form's own changes by <c>FModifyDate</c>; for the order entity also the linked bills' changes
/// (outbound deliveries with their waybill, receivables), each with its own watermark, so shipping or invoicing an order
/// reports the order even when K3Cloud does not touch the order's own modification time. Snapshots carry the newest
/// linked bill of each kind under its property (<c>Shipment</c>, <c>Receivable</c>); the version is the newest time of all.
/// K3Cloud reports no deletions through queries, so none are returned.
/// </summary>
internal sealed class KingdeeChangeReader(KingdeeQuery query, KingdeeWatermarkReader watermarks, KingdeeClock clock, ILogger<KingdeeChangeReader> logger)
{
    private const int InChunk = 200;

    public async Task<ChangePage> ReadAsync(KingdeeForm form, string? checkpointText, CancellationToken cancellationToken)
    {
        var options = query.Options;
        var o = form.Options;
        var checkpoint = KingdeeCheckpoint.Parse(checkpointText, options, form.Entity);
        var (changed, full) = await watermarks.ReadAsync(form.FormId, o.PkField, o.ModifyDateField, form.HeaderKeys, null, checkpoint.Main, cancellationToken).ConfigureAwait(false);
        var headers = changed.Select(rows => Header(form, rows[0])).ToList();
        var hasMore = full;
        if (string.Equals(form.Entity, options.OrderEntity, StringComparison.OrdinalIgnoreCase) && options.OrderLinks.Count > 0)
        {
            if (!full)
            {
                foreach (var (name, link) in options.OrderLinks)
                {
                    var fields = new[] { "FBillNo", link.OrderNumberField };
                    var (linked, linkFull) = await watermarks.ReadAsync(link.FormId, "FID", link.ModifyDateField, fields, AuditedFilter(link), checkpoint.Link(name), cancellationToken).ConfigureAwait(false);
                    hasMore |= linkFull;
                    var numbers = linked.SelectMany(rows => rows).Select(r => KingdeeJson.Text(r[link.OrderNumberField])).OfType<string>()
                        .Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)
                        .Where(n => headers.All(h => KingdeeJson.Text(h[o.NumberField]) != n)).ToList();
                    foreach (var chunk in numbers.Chunk(InChunk))
                    {
                        var rows = await query.AllAsync(form.FormId, form.HeaderKeys, KingdeeQuery.In(o.NumberField, chunk), $"{o.PkField} ASC", cancellationToken).ConfigureAwait(false);
                        headers.AddRange(rows.GroupBy(r => KingdeeJson.Text(r[o.PkField])).Select(g => Header(form, g.First())));
                    }
                }
            }

            await EnrichAsync(form, headers, cancellationToken).ConfigureAwait(false);
        }

        var changes = headers.Select(h => new RecordChange(KingdeeJson.Text(Pick(h, o.NumberField)) ?? string.Empty, ChangeOperation.Upsert, Version(form, h), h))
            .Where(c => c.Id.Length > 0).ToList();
        KingdeeLog.ChangesRead(logger, options.System, form.Entity, changes.Count, hasMore);
        return new ChangePage(changes, checkpoint.ToString(), hasMore);
    }

    /// <summary>Puts the newest linked bill of each kind on the orders (one query per kind per 200 orders).</summary>
    public async Task EnrichAsync(KingdeeForm form, IReadOnlyList<JsonObject> orders, CancellationToken cancellationToken)
    {
        var numberField = form.Options.NumberField;
        var numbers = orders.Select(h => KingdeeJson.Text(h[numberField])).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        foreach (var (_, link) in query.Options.OrderLinks)
        {
            var fields = new List<string> { "FBillNo", link.ModifyDateField, link.OrderNumberField };
            fields.AddRange(KingdeeFormDefaults.LinkFields(link.FormId).Concat(link.FieldKeys).Where(f => !fields.Contains(f, StringComparer.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase));
            var newest = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            foreach (var chunk in numbers.Chunk(InChunk))
            {
                var filter = KingdeeQuery.In(link.OrderNumberField, chunk);
                if (AuditedFilter(link) is { } audited)
                {
                    filter += " AND " + audited;
                }

                foreach (var row in await query.AllAsync(link.FormId, fields, filter, $"{link.ModifyDateField} ASC,FID ASC", cancellationToken).ConfigureAwait(false))
                {
                    if (KingdeeJson.Text(row[link.OrderNumberField]) is { } number)
                    {
                        newest[number] = row; // ascending: the last one is the newest
                    }
                }
            }

            foreach (var order in orders)
            {
                if (KingdeeJson.Text(order[numberField]) is { } number && newest.TryGetValue(number, out var bill))
                {
                    var copy = (JsonObject)bill.DeepClone();
                    copy.Remove(link.OrderNumberField);
                    copy["FormId"] = link.FormId; // lets a mapping tell a shipped order from an invoiced one (coalesce + map)
                    order[link.Property] = copy;
                }
            }
        }
    }

    private static string? AuditedFilter(KingdeeOrderLinkOptions link) => link.AuditedOnly ? "FDocumentStatus = 'C'" : null;

    private static JsonObject Header(KingdeeForm form, JsonObject row)
    {
        var header = new JsonObject();
        foreach (var key in form.HeaderKeys)
        {
            KingdeeQuery.Set(header, key, Pick(row, key)?.DeepClone());
        }

        return header;
    }

    private string? Version(KingdeeForm form, JsonObject header)
    {
        var times = new List<string?> { KingdeeJson.Text(header[form.Options.ModifyDateField]) };
        foreach (var (_, link) in query.Options.OrderLinks)
        {
            if (header[link.Property] is JsonObject bill)
            {
                times.Add(KingdeeJson.Text(bill[link.ModifyDateField]));
            }
        }

        var newest = times.Select(KingdeeClock.Parse).Where(t => t is not null).Max();
        return newest is { } t ? clock.Version(KingdeeClock.Filter(t)) : null;
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
