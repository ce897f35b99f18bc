using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Dataverse;

/// <summary>Reading records (with <c>$select</c> and formatted values) and their lines.</summary>
internal sealed partial class DataverseConnector
{
    /// <summary>
    /// Parent ids per line query and ids per bulk read: at ~70 escaped characters per <c>field eq guid or</c> term, 100
    /// keep the request line under 8 KB, the common limit of web servers and proxies (Kestrel's default too).
    /// </summary>
    private const int IdsPerQuery = 100;

    public async Task<SourceRecord?> GetAsync(string entity, string id, CancellationToken cancellationToken)
    {
        var options = Entity(entity);
        if (!Guid.TryParse(id, out var guid))
        {
            throw new ConnectorException(System, ErrorKind.Permanent, "INVALID_ID", $"{System}: '{entity}' ids are GUIDs.");
        }

        var select = SelectQuery(options);
        var reply = await _http.SendAsync(() => Get($"{options.EntitySet}({guid}){(select.Length > 0 ? "?" + select : string.Empty)}"), cancellationToken).ConfigureAwait(false);
        if (reply.Status == 404)
        {
            return null;
        }

        if (!reply.IsSuccess || reply.Json() is not { } record)
        {
            throw _http.Error(reply, entity);
        }

        Clean(record);
        await AttachLinesAsync(options, entity, [record], cancellationToken).ConfigureAwait(false);
        return new SourceRecord(guid.ToString(), record, VersionOf(record["@odata.etag"]?.ToString()));
    }

    /// <summary>Reads records by id with <c>$filter=id eq … or id eq …</c> (≤ 100 ids a query), lines attached in bulk.</summary>
    /// <param name="entity">The entity.</param>
    /// <param name="ids">The record ids (GUIDs).</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The records found, by id.</returns>
    public async Task<IReadOnlyDictionary<string, SourceRecord>> GetManyAsync(string entity, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var options = Entity(entity);
        var guids = new List<Guid>();
        foreach (var id in ids)
        {
            guids.Add(Guid.TryParse(id, out var guid) ? guid : throw new ConnectorException(System, ErrorKind.Permanent, "INVALID_ID", $"{System}: '{entity}' ids are GUIDs."));
        }

        var records = new List<JsonObject>();
        var select = SelectQuery(options);
        foreach (var chunk in guids.Distinct().Chunk(IdsPerQuery))
        {
            var filter = string.Join(" or ", chunk.Select(id => $"{options.IdField} eq {id}"));
            string? link = $"{options.EntitySet}?{(select.Length > 0 ? select + "&" : string.Empty)}$filter={Uri.EscapeDataString(filter)}";
            while (link is not null)
            {
                var current = link;
                var reply = await _http.SendAsync(() => Get(current, $"odata.maxpagesize={_options.PageSize}"), cancellationToken).ConfigureAwait(false);
                if (!reply.IsSuccess || reply.Json() is not { } page)
                {
                    throw _http.Error(reply, entity);
                }

                records.AddRange((page["value"]?.AsArray() ?? []).OfType<JsonObject>().Select(r => (JsonObject)r.DeepClone()));
                link = page["@odata.nextLink"]?.ToString() is { } next ? Relative(next) : null;
            }
        }

        var found = new Dictionary<string, SourceRecord>(StringComparer.OrdinalIgnoreCase);
        foreach (var record in records)
        {
            var etag = record["@odata.etag"]?.ToString();
            Clean(record);
            var id = Guid.Parse(record[options.IdField]!.ToString()).ToString();
            found[id] = new SourceRecord(id, record, VersionOf(etag));
        }

        await AttachLinesAsync(options, entity, records, cancellationToken).ConfigureAwait(false);
        return found;
    }

    /// <summary>
    /// Reads the lines of the given records with a separate query on the lines entity set, filtered by the parent lookup
    /// (<c>_salesorderid_value eq ... or ...</c>), and puts them under <see cref="DataverseEntityOptions.LinesProperty"/>.
    /// A separate query rather than <c>$expand</c> because change tracking rejects <c>$expand</c>, and because the
    /// salesorder → salesorderdetail navigation property name (<c>order_details</c>) is unconfirmed, while the
    /// <c>_salesorderid_value</c> lookup column is documented; the property name is configurable either way.
    /// </summary>
    private async Task AttachLinesAsync(DataverseEntityOptions options, string entity, IReadOnlyList<JsonObject> records, CancellationToken cancellationToken)
    {
        if (options.LinesEntitySet is null || options.LinesParentField is null || records.Count == 0)
        {
            return;
        }

        var byParent = records.ToDictionary(r => r[options.IdField]!.ToString(), r => new JsonArray(), StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in byParent.Keys.Chunk(IdsPerQuery))
        {
            var filter = string.Join(" or ", chunk.Select(id => $"{options.LinesParentField} eq {id}"));
            var select = options.LinesSelect.Count == 0 ? string.Empty : "$select=" + string.Join(',', options.LinesSelect.Append(options.LinesParentField).Distinct(StringComparer.Ordinal)) + "&";
            string? link = $"{options.LinesEntitySet}?{select}$filter={Uri.EscapeDataString(filter)}";
            while (link is not null)
            {
                var current = link;
                var reply = await _http.SendAsync(() => Get(current, $"odata.maxpagesize={_options.PageSize}"), cancellationToken).ConfigureAwait(false);
                if (!reply.IsSuccess || reply.Json() is not { } page)
                {
                    throw _http.Error(reply, entity);
                }

                foreach (var line in page["value"]?.AsArray() ?? [])
                {
                    if (line is JsonObject item && item[options.LinesParentField]?.ToString() is { } parent && byParent.TryGetValue(parent, out var lines))
                    {
                        item.Remove("@odata.etag");
                        lines.Add(item.DeepClone());
                    }
                }

                link = page["@odata.nextLink"]?.ToString() is { } next ? Relative(next) : null;
            }
        }

        foreach (var record in records)
        {
            record[options.LinesProperty] = byParent[record[options.IdField]!.ToString()];
        }
    }
}
