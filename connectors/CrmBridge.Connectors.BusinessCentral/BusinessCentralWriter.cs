using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>
/// Upsert by the CRM's key: find the record (<c>$filter=key eq '…'</c>, or by id), then create it (POST; a sales order
/// with its lines in one deep insert) or update it (PATCH with the record's <c>@odata.etag</c> in <c>If-Match</c>; header and
/// line changes together in one <c>$batch</c> with <c>Isolation: snapshot</c>). A stale ETag (Request_EntityChanged) or a
/// create that lost a race (Internal_EntityWithSameKeyExists) re-reads and retries.
/// </summary>
internal sealed class BusinessCentralWriter
{
    private const int MaxConflictRetries = 2;
    private readonly BusinessCentralApi _api;
    private readonly BusinessCentralBatchClient _batch;

    public BusinessCentralWriter(BusinessCentralApi api, BusinessCentralBatchClient batch)
    {
        _api = api;
        _batch = batch;
    }

    public async Task<UpsertResult> UpsertAsync(UpsertRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (set, options) = _api.Writable(request.Entity);
        var company = await _api.CompanyPathAsync(cancellationToken).ConfigureAwait(false);
        var (body, lines) = Split(request, options);
        for (var attempt = 0; ; attempt++)
        {
            var existing = await FindAsync(company, set, options, request.KeyField, request.KeyValue, cancellationToken).ConfigureAwait(false);
            try
            {
                var ifMatch = attempt == 0 && request.IfMatch?.StartsWith("W/", StringComparison.Ordinal) == true ? request.IfMatch : null;
                var result = existing is null
                    ? await CreateAsync(company, set, options, request, body, lines, cancellationToken).ConfigureAwait(false)
                    : await UpdateAsync(company, set, options, existing, body, lines, ifMatch, cancellationToken).ConfigureAwait(false);
                BusinessCentralLog.Upserted(_api.Logger, _api.System, set, result.Id, result.Created);
                return result;
            }
            catch (ConnectorException error) when (attempt < MaxConflictRetries && error.ErrorCode is BusinessCentralErrors.EntityChanged or BusinessCentralErrors.SameKeyExists)
            {
                BusinessCentralLog.ConcurrencyRetry(_api.Logger, _api.System, set, request.KeyValue, error.ErrorCode);
            }
        }
    }

    public async Task<bool> DeleteAsync(string entity, string id, CancellationToken cancellationToken)
    {
        var (set, _) = _api.Writable(entity);
        if (!Guid.TryParse(id, out var guid))
        {
            throw _api.Permanent("INVALID_ID", $"'{set}' ids are GUIDs.");
        }

        var company = await _api.CompanyPathAsync(cancellationToken).ConfigureAwait(false);
        var reply = await _api.Http.SendAsync(() => BusinessCentralHttp.Json(HttpMethod.Delete, _api.Url($"{company}{set}({guid})"), null, "*"), cancellationToken).ConfigureAwait(false);
        return reply.Status == 404 ? false : reply.IsSuccess ? true : throw _api.Error(reply, set);
    }


    /// <summary>Splits the request into header fields (no key, no annotations) and the lines, when the entity has lines.</summary>
    public static (JsonObject Body, JsonArray? Lines) Split(UpsertRequest request, BusinessCentralEntityOptions options)
    {
        var body = new JsonObject();
        JsonArray? lines = null;
        foreach (var (name, value) in request.Data)
        {
            if (options.LinesProperty is not null && string.Equals(name, options.LinesProperty, StringComparison.Ordinal))
            {
                lines = value as JsonArray ?? [];
            }
            else if (name != "id" && !string.Equals(name, request.KeyField, StringComparison.Ordinal) && !name.StartsWith("@odata.", StringComparison.Ordinal))
            {
                body[name] = value?.DeepClone();
            }
        }

        return (body, lines);
    }

    public string FindUrl(string company, string set, BusinessCentralEntityOptions options, string keyField, string keyValue)
    {
        var expand = options.LinesProperty is null ? string.Empty : $"$expand={options.LinesProperty}";
        if (string.Equals(keyField, "id", StringComparison.OrdinalIgnoreCase))
        {
            return Guid.TryParse(keyValue, out var guid)
                ? $"{company}{set}({guid}){(expand.Length > 0 ? "?" + expand : string.Empty)}"
                : throw _api.Permanent("INVALID_ID", $"'{set}' ids are GUIDs.");
        }

        var filter = Uri.EscapeDataString($"{keyField} eq {BusinessCentralApi.Quote(keyValue)}");
        return $"{company}{set}?$filter={filter}&$top=2{(expand.Length > 0 ? "&" + expand : string.Empty)}";
    }

    private async Task<JsonObject?> FindAsync(string company, string set, BusinessCentralEntityOptions options, string keyField, string keyValue, CancellationToken cancellationToken)
    {
        var reply = await _api.GetAsync(FindUrl(company, set, options, keyField, keyValue), cancellationToken).ConfigureAwait(false);
        return Found(reply.Status, reply.Json(), set, keyField, keyValue) ?? (reply.IsSuccess || reply.Status == 404 ? null : throw _api.Error(reply, set));
    }

    /// <summary>Reads the found record from a find answer: a single record (by id) or a one-row collection.</summary>
    public JsonObject? Found(int status, JsonObject? body, string set, string keyField, string keyValue)
    {
        if (status is < 200 or >= 300 || body is null)
        {
            return null;
        }

        if (body["value"] is not JsonArray rows)
        {
            return BusinessCentralApi.Clean(body);
        }

        return rows.Count switch
        {
            0 => null,
            1 => BusinessCentralApi.Clean(rows[0]!.AsObject()),
            _ => throw _api.Permanent("DUPLICATE_KEY", $"more than one '{set}' record has {keyField} = '{keyValue}'; make the key unique in Business Central."),
        };
    }

    private async Task<UpsertResult> CreateAsync(string company, string set, BusinessCentralEntityOptions options, UpsertRequest request, JsonObject body, JsonArray? lines, CancellationToken cancellationToken)
    {
        if (string.Equals(request.KeyField, "id", StringComparison.OrdinalIgnoreCase))
        {
            throw new ConnectorException(_api.System, ErrorKind.NotFound, "RECORD_NOT_FOUND", $"{_api.System}: '{set}' {request.KeyValue} does not exist (an update by id never creates).");
        }

        var create = (JsonObject)body.DeepClone();
        create[request.KeyField] = request.KeyValue;
        if (lines is { Count: > 0 } && _api.Options.DeepInsertLines)
        {
            create[options.LinesProperty!] = lines.DeepClone();
        }

        var reply = await _api.Http.SendAsync(() => BusinessCentralHttp.Json(HttpMethod.Post, _api.Url($"{company}{set}"), create), cancellationToken).ConfigureAwait(false);
        if (!reply.IsSuccess || reply.Json() is not { } created || created["id"]?.ToString() is not { } id)
        {
            throw _api.Error(reply, set);
        }

        if (lines is { Count: > 0 } && !_api.Options.DeepInsertLines)
        {
            var operations = OrderLineReconciler.Plan($"{company}{set}({id})/{options.LinesProperty}", [], lines);
            await _batch.SendAtomicAsync(operations, set, cancellationToken).ConfigureAwait(false);
        }

        return new UpsertResult(id, true, BusinessCentralApi.VersionOf(created));
    }

    private async Task<UpsertResult> UpdateAsync(
        string company, string set, BusinessCentralEntityOptions options, JsonObject existing, JsonObject body, JsonArray? lines, string? ifMatch, CancellationToken cancellationToken)
    {
        var id = existing["id"]!.ToString();
        var operations = UpdateOperations(company, set, options, existing, body, lines, ifMatch);
        if (operations.Count == 0)
        {
            return new UpsertResult(id, false, BusinessCentralApi.VersionOf(existing));
        }

        if (operations is [{ Id: "header" } header])
        {
            var reply = await _api.Http.SendAsync(() => BusinessCentralHttp.Json(HttpMethod.Patch, _api.Url(header.Url), header.Body, header.IfMatch), cancellationToken).ConfigureAwait(false);
            return reply.IsSuccess && reply.Json() is { } patched ? new UpsertResult(id, false, BusinessCentralApi.VersionOf(patched)) : throw _api.Error(reply, set);
        }

        var answers = await _batch.SendAtomicAsync(operations, set, cancellationToken).ConfigureAwait(false);
        return new UpsertResult(id, false, answers.TryGetValue("header", out var answer) && answer.Body is { } h ? BusinessCentralApi.VersionOf(h) : BusinessCentralApi.VersionOf(existing));
    }

    public static List<BatchOperation> UpdateOperations(
        string company, string set, BusinessCentralEntityOptions options, JsonObject existing, JsonObject body, JsonArray? lines, string? ifMatch)
    {
        var id = existing["id"]!.ToString();
        var operations = new List<BatchOperation>();
        var changed = JsonFields.Changed(existing, body);
        if (changed.Count > 0)
        {
            operations.Add(new BatchOperation("header", "PATCH", $"{company}{set}({id})", changed, ifMatch ?? BusinessCentralApi.ETagOf(existing) ?? "*"));
        }

        if (lines is not null && options.LinesProperty is { } property)
        {
            operations.AddRange(OrderLineReconciler.Plan($"{company}{set}({id})/{property}", existing[property] as JsonArray, lines));
        }

        return operations;
    }
}
