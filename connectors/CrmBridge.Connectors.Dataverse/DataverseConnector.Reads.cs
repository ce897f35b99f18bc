using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Dataverse;

/// <summary>Reading records (with <c>$select</c> and formatted values) and their lines.</summary>
internal sealed partial class DataverseConnector
{
    private string PagePreference => $"odata.maxpagesize={_options.PageSize}, {FormattedValues}";

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

    /// <summary>
    /// Reads records by id with <c>$filter=id eq … or id eq …</c>, as many ids a query as the URL limits allow (see
    /// <see cref="DataverseIdReader"/>), lines attached in bulk.
    /// </summary>
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

        var records = await _ids.ReadAsync(entity, options.EntitySet, SelectQuery(options), options.IdField, guids.Distinct().Select(g => g.ToString()).ToList(), PagePreference, cancellationToken).ConfigureAwait(false);
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
    /// <c>_salesorderid_value</c> lookup column is documented; the property name is configurable either way. The parents'
    /// ids go into as few queries and calls as the URL limits allow (<see cref="DataverseIdReader"/>).
    /// </summary>
    private async Task AttachLinesAsync(DataverseEntityOptions options, string entity, IReadOnlyList<JsonObject> records, CancellationToken cancellationToken)
    {
        if (options.LinesEntitySet is null || options.LinesParentField is null || records.Count == 0)
        {
            return;
        }

        var byParent = records.ToDictionary(r => r[options.IdField]!.ToString(), r => new JsonArray(), StringComparer.OrdinalIgnoreCase);
        var select = options.LinesSelect.Count == 0 ? string.Empty : "$select=" + string.Join(',', options.LinesSelect.Append(options.LinesParentField).Distinct(StringComparer.Ordinal));
        var lines = await _ids.ReadAsync(entity, options.LinesEntitySet, select, options.LinesParentField, byParent.Keys, PagePreference, cancellationToken).ConfigureAwait(false);
        foreach (var line in lines)
        {
            if (line[options.LinesParentField]?.ToString() is { } parent && byParent.TryGetValue(parent, out var list))
            {
                line.Remove("@odata.etag");
                list.Add(line);
            }
        }

        foreach (var record in records)
        {
            record[options.LinesProperty] = byParent[record[options.IdField]!.ToString()];
        }
    }
}
