using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>Reads one record (lines expanded) and adds the tracking numbers of shipments from the custom API page.</summary>
internal sealed class BusinessCentralReader
{
    private const int NumbersPerTrackingQuery = 20;
    private readonly BusinessCentralApi _api;

    public BusinessCentralReader(BusinessCentralApi api) => _api = api;

    public async Task<SourceRecord?> GetAsync(string entity, string id, CancellationToken cancellationToken)
    {
        var (set, options) = _api.Entity(entity);
        if (!Guid.TryParse(id, out var guid))
        {
            throw _api.Permanent("INVALID_ID", $"'{set}' ids are GUIDs.");
        }

        var company = await _api.CompanyPathAsync(cancellationToken).ConfigureAwait(false);
        var expand = options.LinesProperty is null ? string.Empty : $"?$expand={options.LinesProperty}";
        var reply = await _api.GetAsync($"{company}{set}({guid}){expand}", cancellationToken).ConfigureAwait(false);
        if (reply.Status == 404)
        {
            return null;
        }

        if (!reply.IsSuccess || reply.Json() is not { } record)
        {
            throw _api.Error(reply, set);
        }

        BusinessCentralApi.Clean(record);
        await AttachTrackingAsync(set, [record], cancellationToken).ConfigureAwait(false);
        return new SourceRecord(guid.ToString(), record, BusinessCentralApi.VersionOf(record));
    }

    /// <summary>
    /// Adds <c>packageTrackingNo</c> and <c>shippingAgentCode</c> to shipments from the custom API page configured in
    /// <see cref="BusinessCentralOptions.TrackingApiPath"/> (the standard salesShipments API has no tracking number).
    /// </summary>
    public async Task AttachTrackingAsync(string set, IReadOnlyList<JsonObject> records, CancellationToken cancellationToken)
    {
        if (_api.Options.TrackingApiPath is not { Length: > 0 } path || !string.Equals(set, "salesShipments", StringComparison.Ordinal) || records.Count == 0)
        {
            return;
        }

        var root = _api.Http.ApiRoot.ToString();
        var standard = root.LastIndexOf("api/v2.0/", StringComparison.Ordinal);
        var customRoot = new Uri((standard < 0 ? root : root[..standard]) + path.Trim('/') + "/");
        var company = await _api.CompanyPathAsync(cancellationToken).ConfigureAwait(false);
        var byNumber = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var chunk in records.Select(r => r["number"]?.ToString()).OfType<string>().Distinct().Chunk(NumbersPerTrackingQuery))
        {
            var filter = string.Join(" or ", chunk.Select(n => $"shipmentNumber eq {BusinessCentralApi.Quote(n)}"));
            var url = new Uri(customRoot, $"{company}{_api.Options.TrackingEntitySet}?$filter={Uri.EscapeDataString(filter)}");
            var reply = await _api.Http.SendAsync(() => BusinessCentralHttp.Json(HttpMethod.Get, url, null), cancellationToken).ConfigureAwait(false);
            if (!reply.IsSuccess)
            {
                throw _api.Error(reply, _api.Options.TrackingEntitySet);
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
