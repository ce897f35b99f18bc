using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>Reading one record (lines expanded) and the tracking numbers of shipments from the custom API page.</summary>
internal sealed partial class BusinessCentralConnector
{
    private const int NumbersPerTrackingQuery = 20;

    public async Task<SourceRecord?> GetAsync(string entity, string id, CancellationToken cancellationToken)
    {
        var (set, options) = Entity(entity);
        if (!Guid.TryParse(id, out var guid))
        {
            throw Permanent("INVALID_ID", $"'{set}' ids are GUIDs.");
        }

        var company = await CompanyPathAsync(cancellationToken).ConfigureAwait(false);
        var expand = options.LinesProperty is null ? string.Empty : $"?$expand={options.LinesProperty}";
        var reply = await GetAsync($"{company}{set}({guid}){expand}", cancellationToken).ConfigureAwait(false);
        if (reply.Status == 404)
        {
            return null;
        }

        if (!reply.IsSuccess || reply.Json() is not { } record)
        {
            throw _http.Error(reply, set);
        }

        Clean(record);
        await AttachTrackingAsync(set, [record], cancellationToken).ConfigureAwait(false);
        return new SourceRecord(guid.ToString(), record, VersionOf(record));
    }

    /// <summary>
    /// Adds <c>packageTrackingNo</c> and <c>shippingAgentCode</c> to shipments from the custom API page configured in
    /// <see cref="BusinessCentralOptions.TrackingApiPath"/> (the standard salesShipments API has no tracking number).
    /// </summary>
    private async Task AttachTrackingAsync(string set, IReadOnlyList<JsonObject> records, CancellationToken cancellationToken)
    {
        if (_options.TrackingApiPath is not { Length: > 0 } path || !string.Equals(set, "salesShipments", StringComparison.Ordinal) || records.Count == 0)
        {
            return;
        }

        var root = _http.ApiRoot.ToString();
        var standard = root.LastIndexOf("api/v2.0/", StringComparison.Ordinal);
        var customRoot = new Uri((standard < 0 ? root : root[..standard]) + path.Trim('/') + "/");
        var company = await CompanyPathAsync(cancellationToken).ConfigureAwait(false);
        var byNumber = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var chunk in records.Select(r => r["number"]?.ToString()).OfType<string>().Distinct().Chunk(NumbersPerTrackingQuery))
        {
            var filter = string.Join(" or ", chunk.Select(n => $"shipmentNumber eq {Quote(n)}"));
            var url = new Uri(customRoot, $"{company}{_options.TrackingEntitySet}?$filter={Uri.EscapeDataString(filter)}");
            var reply = await _http.SendAsync(() => BusinessCentralHttp.Json(HttpMethod.Get, url, null), cancellationToken).ConfigureAwait(false);
            if (!reply.IsSuccess)
            {
                throw _http.Error(reply, _options.TrackingEntitySet);
            }

            foreach (var row in (reply.Json()?["value"]?.AsArray() ?? []).OfType<JsonObject>())
            {
                if (row["shipmentNumber"]?.ToString() is { } number)
                {
                    byNumber[number] = row;
                }
            }
        }

        foreach (var record in records)
        {
            if (record["number"]?.ToString() is { } number && byNumber.TryGetValue(number, out var tracking))
            {
                record["packageTrackingNo"] = tracking["packageTrackingNo"]?.DeepClone();
                record["shippingAgentCode"] = tracking["shippingAgentCode"]?.DeepClone();
            }
        }
    }
}
