using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Dataverse;

/// <summary>
/// The Web API semantics, independent of HTTP so <c>$batch</c> parts run through the same code:
/// entity set queries, change tracking, get/create/update/upsert/delete by id or alternate key.
/// </summary>
internal sealed partial class DataverseApi
{
    private readonly DataverseStore _store;
    private readonly DataverseSandboxOptions _options;
    private readonly DataverseMetadataApi _metadata;
    private readonly Guid _businessUnitId = Guid.NewGuid();
    private readonly Guid _organizationId = Guid.NewGuid();

    public DataverseApi(DataverseStore store, DataverseSandboxOptions options, Func<Uri> baseAddress)
    {
        _store = store;
        _options = options;
        BaseAddress = baseAddress;
        _metadata = new DataverseMetadataApi(store, options, baseAddress);
    }

    /// <summary>Gets the absolute <c>.../api/data/v9.2/</c> address (for links).</summary>
    public Func<Uri> BaseAddress { get; }

    public DataverseResponse Handle(DataverseRequest request, Guid user, Guid correlation)
    {
        try
        {
            var (path, query) = Split(request.Path);
            if (path == "WhoAmI" && request.Method == "GET")
            {
                // The WhoAmI function: the calling user (the application user for API calls), its business unit and organisation.
                return new DataverseResponse(200, new JsonObject
                {
                    ["@odata.context"] = $"{BaseAddress()}$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse",
                    ["BusinessUnitId"] = _businessUnitId.ToString(),
                    ["UserId"] = user.ToString(),
                    ["OrganizationId"] = _organizationId.ToString(),
                });
            }

            if (DataverseMetadataApi.Handles(path))
            {
                return _metadata.Handle(request, path, query, user);
            }

            var open = path.IndexOf('(', StringComparison.Ordinal);
            if (open < 0)
            {
                var table = _store.Table(path);
                Authorize(table, request.Method, user);
                return request.Method switch
                {
                    "GET" => Query(table, request, query),
                    "POST" => Create(table, request, user, correlation),
                    _ => throw new DataverseApiException(405, "0x80060888", $"{request.Method} is not supported on an entity set."),
                };
            }

            if (!path.EndsWith(')'))
            {
                throw new DataverseApiException(404, "0x80060888", $"Resource not found for the segment '{path}'.");
            }

            var set = _store.Table(path[..open]);
            Authorize(set, request.Method, user);
            var key = DataverseKey.Parse(set.Schema, path[(open + 1)..^1]);
            return request.Method switch
            {
                "GET" => Retrieve(set, key, request, query),
                "PATCH" => Patch(set, key, request, query, user, correlation),
                "DELETE" => Remove(set, key, user, correlation),
                _ => throw new DataverseApiException(405, "0x80060888", $"{request.Method} is not supported on a record."),
            };
        }
        catch (DataverseApiException error)
        {
            return DataverseResponse.FromError(error);
        }
    }

    private void Authorize(DataverseTable table, string method, Guid user)
    {
        var verb = method switch { "POST" => "Create", "PATCH" => "Write", "DELETE" => "Delete", _ => null };
        if (verb is not null && DataverseRegistrationSchemas.PrivilegeNames.TryGetValue(table.Schema.LogicalName, out var name)
            && _options.DeniedPrivileges.Contains($"prv{verb}{name}"))
        {
            throw DataverseAttributeMetadata.MissingPrivilege(user, $"prv{verb}{name}");
        }
    }

    private DataverseResponse Retrieve(DataverseTable table, DataverseKey key, DataverseRequest request, Dictionary<string, string> query)
    {
        var row = Locate(table, key) ?? throw DataverseApiException.NotFound(table.Schema.LogicalName, key.Text);
        var body = Project(table, row, Select(table, query), request.Prefers("FormattedValue"));
        body.Insert(0, "@odata.context", $"{BaseAddress()}$metadata#{table.Schema.EntitySet}/$entity");
        var response = new DataverseResponse(200, body);
        response.Headers["ETag"] = Etag(row);
        return response;
    }

    private DataverseResponse Create(DataverseTable table, DataverseRequest request, Guid user, Guid correlation)
    {
        var write = DataverseValidator.Validate(_store, table, ParseBody(request.Body));
        var row = _store.Create(table, Guid.NewGuid(), write, user, correlation);
        return Written(table, row, request, created: true);
    }

    private DataverseResponse Patch(DataverseTable table, DataverseKey key, DataverseRequest request, Dictionary<string, string> query, Guid user, Guid correlation)
    {
        var body = ParseBody(request.Body);
        foreach (var (column, value) in key.Values)
        {
            if (body[column] is { } repeated && repeated.ToString() != value.ToString())
            {
                throw new DataverseApiException(400, "0x80060888", $"The key column '{column}' in the body differs from the key in the URL.");
            }

            body.Remove(column);
        }

        var write = DataverseValidator.Validate(_store, table, body);
        lock (_store.Gate)
        {
            var existing = Locate(table, key);
            var ifMatch = request.Header("If-Match");
            if (ifMatch is not null && existing is null)
            {
                throw DataverseApiException.NotFound(table.Schema.LogicalName, key.Text);
            }

            if (ifMatch is not null and not "*" && existing is not null && ifMatch != Etag(existing))
            {
                throw new DataverseApiException(412, "0x80060882", "The version of the existing record doesn't match the RowVersion property provided.");
            }

            if (request.Header("If-None-Match") == "*" && existing is not null)
            {
                throw new DataverseApiException(412, "0x80040237", "A record with matching key values already exists.");
            }

            if (existing is not null)
            {
                return Written(table, _store.Update(table, existing, write, user, correlation), request, created: false, query);
            }

            foreach (var (column, value) in key.Values)
            {
                if (column != table.Schema.IdField)
                {
                    write.Values[column] = value.DeepClone();
                    write.Target[column] = value.DeepClone();
                }
            }

            var row = _store.Create(table, key.Id ?? Guid.NewGuid(), write, user, correlation);
            return Written(table, row, request, created: true, query);
        }
    }

    private DataverseResponse Remove(DataverseTable table, DataverseKey key, Guid user, Guid correlation)
    {
        lock (_store.Gate)
        {
            var row = Locate(table, key) ?? throw DataverseApiException.NotFound(table.Schema.LogicalName, key.Text);
            if (table.Schema.EntitySet == DataverseRegistrationSchemas.Steps)
            {
                // A step's images are its children (parental relationship): deleting the step deletes them.
                var images = _store.Table(DataverseRegistrationSchemas.Images);
                foreach (var image in images.Rows.Values.Where(i => i.Data["_sdkmessageprocessingstepid_value"]?.ToString() == row.Id.ToString()).ToList())
                {
                    _store.Delete(images, image.Id, user, correlation);
                }
            }

            _store.Delete(table, row.Id, user, correlation);
            return new DataverseResponse(204);
        }
    }

    private DataverseResponse Written(DataverseTable table, DataverseRow row, DataverseRequest request, bool created, Dictionary<string, string>? query = null)
    {
        DataverseResponse response;
        if (request.Prefers("return=representation"))
        {
            var body = Project(table, row, query is null ? null : Select(table, query), request.Prefers("FormattedValue"));
            body.Insert(0, "@odata.context", $"{BaseAddress()}$metadata#{table.Schema.EntitySet}/$entity");
            response = new DataverseResponse(created ? 201 : 200, body);
        }
        else
        {
            response = new DataverseResponse(204);
        }

        response.Headers["OData-EntityId"] = $"{BaseAddress()}{table.Schema.EntitySet}({row.Id})";
        response.Headers["ETag"] = Etag(row);
        return response;
    }

    private DataverseRow? Locate(DataverseTable table, DataverseKey key) =>
        key.Id is { } id ? _store.Find(table, id) : _store.FindByKey(table, key.Composite);

    private static JsonObject ParseBody(string body)
    {
        try
        {
            return JsonNode.Parse(body.Length == 0 ? "{}" : body) as JsonObject
                ?? throw new DataverseApiException(400, "0x80048d19", "The request body must be a JSON object.");
        }
        catch (JsonException error)
        {
            throw new DataverseApiException(400, "0x80048d19", $"Error identified in Payload provided by the user: {error.Message}");
        }
    }

    private static (string Path, Dictionary<string, string> Query) Split(string pathAndQuery)
    {
        var q = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(q < 0 ? pathAndQuery : pathAndQuery[..q]).Trim('/');
        var query = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (q >= 0)
        {
            foreach (var pair in pathAndQuery[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
                query[name] = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            }
        }

        return (path, query);
    }

    internal static string Etag(DataverseRow row) => $"W/\"{row.Version}\"";
}
