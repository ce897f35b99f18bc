using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RestSharp;

namespace CrmBridge.Connectors.Zoho;

/// <summary>
/// The Zoho CRM connector: reads with <c>fields</c> (≤50 per call, merged), <c>per_page=200</c> and <c>page_token</c> beyond
/// 2000 records; detects changes with a full scan then a COQL keyset on Modified_Time; writes with <c>upsert</c>
/// (alternate keys, <c>duplicate_check_fields</c>) or update-by-id in batches of ≤100 with per-record results.
/// Versions are the records' <c>Modified_Time</c>, as upsert returns it and reads report it.
/// </summary>
internal sealed partial class ZohoConnector : ICrmConnector
{
    private readonly ZohoApiClient _api;
    private readonly ZohoConnectorOptions _options;
    private readonly ZohoWriteRegistry _writes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, ZohoModule> _modules = new(StringComparer.Ordinal);

    public ZohoConnector(ZohoApiClient api, ZohoWriteRegistry writes, TimeProvider time, ILogger<ZohoConnector> logger)
    {
        _api = api;
        _options = api.Options;
        _writes = writes;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    public string System => _options.System;

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string entity, string id, CancellationToken cancellationToken)
    {
        var module = Module(entity);
        var response = await _api.SendAsync(Method.Delete, module.ApiName, r => r.AddQueryParameter("ids", id), acceptRecordErrors: true, cancellationToken).ConfigureAwait(false);
        var item = (response.Body?["data"] as JsonArray)?.FirstOrDefault() as JsonObject;
        if (item?["status"]?.ToString() == "success")
        {
            return true;
        }

        var error = item is null ? null : ZohoErrors.ForRecord(System, item);
        return error is { Kind: ErrorKind.NotFound } || item?["code"]?.ToString() == "INVALID_DATA" ? false : throw error ?? new ConnectorException(System, ErrorKind.Transient, "EMPTY_RESPONSE", $"{System}: delete returned no result.");
    }

    private ZohoModule Module(string entity) => _modules.GetOrAdd(entity, e => ZohoModule.Resolve(_options, e, System));

    private static string? Text(JsonNode? node) => node is JsonValue v ? v.ToString() : null;
}
