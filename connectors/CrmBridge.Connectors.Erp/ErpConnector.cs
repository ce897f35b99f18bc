using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Connectors.Erp;

/// <summary>
/// The configurable REST ERP connector: upsert by external id (PUT), read and delete by ERP id, batch upsert, and a
/// sequence-numbered change feed with snapshots. Talks to the reference ERP by default (docs/reference-erp.md).
/// </summary>
internal sealed partial class ErpConnector : IErpConnector, IExactVersions, IConnectorHealth
{
    /// <summary>The named HttpClient the registration configures (base address, timeout, handler lifetime).</summary>
    public const string HttpClientName = "CrmBridge.Erp";

    private readonly IHttpClientFactory _httpClients;
    private readonly ErpConnectorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ErpConnector> _logger;
    private readonly ConnectorHealthTracker _health;

    public ErpConnector(
        IHttpClientFactory httpClients,
        IOptions<ErpConnectorOptions> options,
        TimeProvider time,
        ILogger<ErpConnector> logger,
        [FromKeyedServices(HttpClientName)] ConnectorHealthTracker health)
    {
        _health = health;
        _httpClients = httpClients;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    public string System => _options.System;

    /// <inheritdoc />
    public ConnectorHealth GetHealth() => _health.Snapshot();

    /// <inheritdoc />
    public async Task<SourceRecord?> GetAsync(string entity, string id, CancellationToken cancellationToken)
    {
        var route = Route(entity);
        var response = await SendAsync(HttpMethod.Get, route.RecordUri(id), null, entity, ifMatch: null, notFoundIsResult: true, cancellationToken).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return null;
        }

        var record = AsRecord(response.Body, entity);
        return new SourceRecord(ReadId(record, route) ?? id, record, ReadVersion(record, route));
    }

    /// <inheritdoc />
    public async Task<UpsertResult> UpsertAsync(UpsertRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var route = Route(request.Entity);
        CheckKey(route, request);
        var response = await SendAsync(HttpMethod.Put, route.UpsertUri(request.KeyValue), request.Data, request.Entity, request.IfMatch, notFoundIsResult: false, cancellationToken).ConfigureAwait(false);
        var result = ToResult(route, response.Body, response.Status == 201);
        ErpConnectorLog.Upserted(_logger, System, request.Entity, result.Id, result.Created, result.Version);
        return result;
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string entity, string id, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Delete, Route(entity).RecordUri(id), null, entity, ifMatch: null, notFoundIsResult: true, cancellationToken).ConfigureAwait(false);
        var deleted = response.Status != 404;
        ErpConnectorLog.Deleted(_logger, System, entity, id, deleted);
        return deleted;
    }

    private ErpEntityRoute Route(string entity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entity);
        return new ErpEntityRoute(entity, _options.GetEntity(entity));
    }

    private void CheckKey(ErpEntityRoute route, UpsertRequest request)
    {
        if (!string.Equals(request.KeyField, route.Options.KeyField, StringComparison.Ordinal))
        {
            throw new ConnectorException(System, ErrorKind.Permanent, "UNSUPPORTED_KEY",
                $"{System}: {request.Entity} upserts by '{route.Options.KeyField}', not '{request.KeyField}' (Connectors:Erp:Entities:{request.Entity}:KeyField).");
        }

        if (string.IsNullOrEmpty(request.KeyValue))
        {
            throw new ConnectorException(System, ErrorKind.Permanent, "VALIDATION", $"{System}: {request.Entity} upsert without a key value.");
        }
    }

    private UpsertResult ToResult(ErpEntityRoute route, JsonNode? body, bool created)
    {
        var record = AsRecord(body, route.Entity);
        var id = ReadId(record, route) ?? throw new ConnectorException(System, ErrorKind.Permanent, "INVALID_RESPONSE",
            $"{System}: the {route.Entity} response has no '{route.Options.IdField}' field (Connectors:Erp:Entities:{route.Entity}:IdField).");
        return new UpsertResult(id, created, ReadVersion(record, route));
    }

    private JsonObject AsRecord(JsonNode? body, string entity) => body as JsonObject
        ?? throw new ConnectorException(System, ErrorKind.Transient, "INVALID_RESPONSE", $"{System}: the {entity} response is not a JSON object.");

    private static string? ReadId(JsonObject record, ErpEntityRoute route) => Text(record[route.Options.IdField]);

    private static string? ReadVersion(JsonObject record, ErpEntityRoute route) =>
        string.IsNullOrEmpty(route.Options.VersionField) ? null : Text(record[route.Options.VersionField]);

    /// <summary>Reads a scalar as text: strings as they are, numbers in their JSON form.</summary>
    private static string? Text(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.String => node.GetValue<string>(),
        JsonValueKind.Number => node.ToJsonString(),
        _ => null,
    };
}
