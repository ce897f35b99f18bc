using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmBridge.Connectors.Fxiaoke;

/// <summary>
/// The Fxiaoke (纷享销客) CRM connector over the OpenAPI v2 (RestSharp). Entities are object API names (<c>AccountObj</c>,
/// <c>ContactObj</c>, <c>SalesOrderObj</c> with its <c>SalesOrderProductObj</c> lines inline, <c>CasesObj</c> or a configured
/// ticket object, custom <c>__c</c> objects). Versions are <c>last_modified_time</c> in epoch milliseconds.
/// </summary>
internal sealed partial class FxiaokeConnector : ICrmConnector, IDisposable
{
    private readonly FxiaokeOptions _options;
    private readonly FxiaokeHttp _http;
    private readonly FxiaokeTokenProvider _tokens;
    private readonly FxiaokeClient _client;
    private readonly FxiaokeApi _api;
    private readonly FxiaokeValues _values;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public FxiaokeConnector(FxiaokeOptions options, IHttpClientFactory httpClients, TimeProvider? time = null, ILogger<FxiaokeConnector>? logger = null, ConnectorHealthTracker? health = null)
    {
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        var errors = new FxiaokeErrors(options, _time, health);
        _http = new FxiaokeHttp(options, httpClients);
        _tokens = new FxiaokeTokenProvider(_http, options, errors, _time, _logger, health);
        _client = new FxiaokeClient(_http, _tokens, new FxiaokeRateLimiter(options, _time), errors, options, _logger);
        _api = new FxiaokeApi(options);
        _values = new FxiaokeValues(options);
    }

    /// <inheritdoc />
    public string System => _options.System;

    /// <summary>Gets how many token requests the connector has made (for tests and diagnostics).</summary>
    internal int TokenRequests => _tokens.Requests;

    /// <inheritdoc />
    public async Task<SourceRecord?> GetAsync(string entity, string id, CancellationToken cancellationToken)
    {
        var record = await GetRawAsync(entity, id, cancellationToken).ConfigureAwait(false);
        if (record is null || IsDeleted(record))
        {
            return null;
        }

        await AttachDetailsAsync(entity, [record], cancellationToken).ConfigureAwait(false);
        return new SourceRecord(id, record, Version(record));
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string entity, string id, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["data"] = new JsonObject { ["dataObjectApiName"] = entity, ["object_data_id"] = id } };
        try
        {
            // Fxiaoke deletes in two steps: invalid (作废, to the recycle bin), then delete (only of invalid records).
            await _client.CallAsync(_api.Path(entity, "invalid"), body, cancellationToken).ConfigureAwait(false);
            if (_options.HardDelete)
            {
                var delete = new JsonObject { ["data"] = new JsonObject { ["dataObjectApiName"] = entity, ["idList"] = new JsonArray(id) } };
                await _client.CallAsync(_api.Path(entity, "delete"), delete, cancellationToken).ConfigureAwait(false);
            }

            FxiaokeLog.Written(_logger, System, entity, id, "invalidated");
            return true;
        }
        catch (ConnectorException ex) when (ex.Kind == ErrorKind.NotFound)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _tokens.Dispose();
    }

    /// <summary>Gets whether a record is invalidated (life_status invalid) or deleted (is_deleted).</summary>
    internal static bool IsDeleted(JsonObject record) =>
        string.Equals(FxiaokeEnvelope.String(record["life_status"]), "invalid", StringComparison.Ordinal)
        || (record["is_deleted"] is JsonValue d && d.TryGetValue<bool>(out var deleted) && deleted);

    /// <summary>Gets a record's version: its last_modified_time (epoch ms) as text.</summary>
    internal static string? Version(JsonObject record) => FxiaokeEnvelope.Long(record["last_modified_time"])?.ToString(global::System.Globalization.CultureInfo.InvariantCulture);

    private async Task<JsonObject?> GetRawAsync(string entity, string id, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["data"] = new JsonObject { ["dataObjectApiName"] = entity, ["objectDataId"] = id } };
        JsonObject response;
        try
        {
            response = await _client.CallAsync(_api.Path(entity, "get"), body, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException ex) when (ex.Kind == ErrorKind.NotFound)
        {
            return null;
        }

        // Documented shape: data is the record. Some object pages show it wrapped once more (data.data); accept both.
        var data = response["data"] as JsonObject;
        if (data is not null && data["_id"] is null && data["data"] is JsonObject inner)
        {
            data = inner;
        }

        return data is null || data["_id"] is null ? null : (JsonObject)data.DeepClone();
    }
}
