using System.Text.Json.Nodes;
using CrmBridge.Connectors.Json;

namespace CrmBridge.Connectors.Dataverse;

/// <summary>
/// Writes: PATCH by id (update only: <c>If-Match: *</c>, so writing back to a record Dataverse does not have fails
/// NotFound instead of creating a blank one) or upsert by alternate key (<c>accounts(accountnumber='X')</c>, may create),
/// <c>Prefer: return=representation</c> for the new row version, and deletes.
/// </summary>
internal sealed partial class DataverseConnector
{
    public async Task<UpsertResult> UpsertAsync(UpsertRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = Entity(request.Entity);
        var (path, byId) = KeyPath(options, request.KeyField, request.KeyValue);
        var body = Body(request);
        var ifMatch = AsEtag(request.IfMatch) ?? (byId ? "*" : null);
        var relative = $"{path}?$select={options.IdField}";
        var reply = await _http.SendAsync(() => Send(HttpMethod.Patch, relative, body, ifMatch), cancellationToken).ConfigureAwait(false);
        if (reply.Status == 412 && ifMatch is not null and not "*")
        {
            // Someone changed the record since the version the pipeline saw. The mapping owns only the fields it writes
            // (status, tracking, invoice, resolution), so a change to other columns is no conflict: re-read the current
            // version and retry once, guarded by it. A second 412 is a real race and fails permanently.
            DataverseLog.ConcurrencyRetry(_logger, System, request.Entity, request.KeyValue);
            var current = await _http.SendAsync(() => Get(relative), cancellationToken).ConfigureAwait(false);
            if (!current.IsSuccess)
            {
                throw _http.Error(current, request.Entity);
            }

            var fresh = current.Json()?["@odata.etag"]?.ToString();
            reply = await _http.SendAsync(() => Send(HttpMethod.Patch, relative, body, fresh ?? "*"), cancellationToken).ConfigureAwait(false);
        }

        if (!reply.IsSuccess)
        {
            throw _http.Error(reply, request.Entity);
        }

        var result = Result(options, reply);
        DataverseLog.Upserted(_logger, System, request.Entity, result.Id, result.Created);
        return result;
    }

    public async Task<bool> DeleteAsync(string entity, string id, CancellationToken cancellationToken)
    {
        var options = Entity(entity);
        if (!Guid.TryParse(id, out var guid))
        {
            throw new ConnectorException(System, ErrorKind.Permanent, "INVALID_ID", $"{System}: '{entity}' ids are GUIDs.");
        }

        var reply = await _http.SendAsync(() => Send(HttpMethod.Delete, $"{options.EntitySet}({guid})", null), cancellationToken).ConfigureAwait(false);
        return reply.Status == 404 ? false : reply.IsSuccess ? true : throw _http.Error(reply, entity);
    }

    /// <summary>Builds the record path for a key: the id (<c>accounts(guid)</c>) or an alternate key (<c>accounts(accountnumber='X')</c>).</summary>
    private (string Path, bool ById) KeyPath(DataverseEntityOptions options, string keyField, string keyValue)
    {
        if (string.Equals(keyField, options.IdField, StringComparison.OrdinalIgnoreCase))
        {
            return Guid.TryParse(keyValue, out var id)
                ? ($"{options.EntitySet}({id})", true)
                : throw new ConnectorException(System, ErrorKind.Permanent, "INVALID_ID", $"{System}: the key {keyField} of '{options.EntitySet}' must be a GUID.");
        }

        var columns = options.AlternateKeyColumns();
        if (columns.Count != 1 || !string.Equals(columns[0], keyField, StringComparison.OrdinalIgnoreCase))
        {
            throw new ConnectorException(System, ErrorKind.Permanent, "NOT_A_KEY",
                $"{System}: '{keyField}' is neither the id nor the alternate key of '{options.EntitySet}' (configure Entities:{options.EntitySet}:AlternateKey).");
        }

        return ($"{options.EntitySet}({columns[0]}='{Uri.EscapeDataString(keyValue.Replace("'", "''", StringComparison.Ordinal))}')", false);
    }

    private static JsonObject Body(UpsertRequest request)
    {
        var body = new JsonObject();
        foreach (var (name, value) in request.Data)
        {
            // Dataverse wants no key values repeated in the body, and read-only annotations are not writable.
            if (!string.Equals(name, request.KeyField, StringComparison.OrdinalIgnoreCase) && !name.StartsWith("@odata.", StringComparison.Ordinal))
            {
                body[name] = value?.DeepClone();
            }
        }

        return body;
    }

    private UpsertResult Result(DataverseEntityOptions options, ConnectorReply reply)
    {
        var json = reply.Json();
        var id = json?[options.IdField]?.ToString() ?? IdFromEntityUrl(reply.Header("OData-EntityId"))
            ?? throw new ConnectorException(System, ErrorKind.Transient, "NO_ID", $"{System}: the write answered {reply.Status} without the record id.");
        var etag = json?["@odata.etag"]?.ToString() ?? reply.Header("ETag");
        return new UpsertResult(id, reply.Status == 201, VersionOf(etag));
    }

    private static string? IdFromEntityUrl(string? url)
    {
        var open = url?.LastIndexOf('(') ?? -1;
        return open < 0 ? null : url![(open + 1)..].TrimEnd(')');
    }
}
