using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Fxiaoke;

/// <summary>
/// The emulated tenant's data: every object's records, system fields, validation, master/detail writes, invalid/delete.
/// Thread-safe through one lock; every operation is O(log n) or proportional to what it returns.
/// </summary>
internal sealed class FxiaokeStore
{
    private static readonly HashSet<string> SystemFields = new(StringComparer.Ordinal)
    {
        "_id", "create_time", "last_modified_time", "created_by", "last_modified_by", "is_deleted", "life_status", "version",
        "object_describe_api_name", "dataObjectApiName",
    };

    private readonly object _gate = new();
    private readonly Dictionary<string, FxiaokeObjectStore> _objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, FxiaokeField>> _schemas = new(StringComparer.Ordinal);
    private readonly FxiaokeSandboxOptions _options;
    private readonly TimeProvider _time;
    private long _sequence;

    public FxiaokeStore(FxiaokeSandboxOptions options)
    {
        _options = options;
        _time = options.TimeProvider;
    }

    public JsonObject? Get(string apiName, string id)
    {
        lock (_gate)
        {
            var record = Objects(apiName).Find(id);
            return record is null || IsDeleted(record) ? null : (JsonObject)record.DeepClone();
        }
    }

    public List<JsonObject> Query(string apiName, IReadOnlyList<FxiaokeFilter> filters, IReadOnlyList<(string, bool)> orders, int offset, int limit)
    {
        lock (_gate)
        {
            return Objects(apiName).Query(filters, orders, offset, limit).Select(r => (JsonObject)r.DeepClone()).ToList();
        }
    }

    public int Count(string apiName, Func<JsonObject, bool> predicate)
    {
        lock (_gate)
        {
            return Objects(apiName).All.Count(r => !IsDeleted(r) && predicate(r));
        }
    }

    public FxiaokeOutcome Create(string apiName, JsonObject data, JsonObject? details, string user, bool approvalFlow = false)
    {
        lock (_gate)
        {
            var problem = Validate(apiName, data, create: true) ?? ValidateDetails(apiName, details);
            if (problem is not null)
            {
                return FxiaokeOutcome.Invalid(problem);
            }

            var now = Now();
            var record = NewRecord(apiName, data, user, now);
            if (apiName == "SalesOrderObj" && record["name"] is null)
            {
                record["name"] = string.Create(CultureInfo.InvariantCulture, $"SO{_sequence:D8}");
            }

            if (approvalFlow)
            {
                // Like the platform: a create that does not set triggerApprovalFlow false starts the approval flow.
                record["life_status"] = "under_review";
            }

            Objects(apiName).Put(record);
            var id = record["_id"]!.GetValue<string>();
            WriteDetails(apiName, id, details, user, now);
            return FxiaokeOutcome.Ok(id);
        }
    }

    public FxiaokeOutcome Update(string apiName, JsonObject data, JsonObject? details, string user)
    {
        lock (_gate)
        {
            var id = data["_id"]?.GetValue<string>();
            var existing = id is null ? null : Objects(apiName).Find(id);
            if (existing is null || IsDeleted(existing) || IsInvalid(existing))
            {
                return FxiaokeOutcome.Missing(apiName, id);
            }

            var problem = Validate(apiName, data, create: false) ?? ValidateDetails(apiName, details);
            if (problem is not null)
            {
                return FxiaokeOutcome.Invalid(problem);
            }

            var record = (JsonObject)existing.DeepClone();
            foreach (var (name, value) in data)
            {
                if (!SystemFields.Contains(name))
                {
                    record[name] = value?.DeepClone();
                }
            }

            var now = Now();
            Touch(record, user, now);
            Objects(apiName).Put(record);
            if (details is not null)
            {
                InvalidateDetails(apiName, id!, user, now);
                WriteDetails(apiName, id!, details, user, now);
            }

            return FxiaokeOutcome.Ok(id!);
        }
    }

    public FxiaokeOutcome Invalid(string apiName, string id, string user)
    {
        lock (_gate)
        {
            var existing = Objects(apiName).Find(id);
            if (existing is null || IsDeleted(existing) || IsInvalid(existing))
            {
                return FxiaokeOutcome.Missing(apiName, id);
            }

            var now = Now();
            var record = (JsonObject)existing.DeepClone();
            record["life_status"] = "invalid";
            Touch(record, user, now);
            Objects(apiName).Put(record);
            InvalidateDetails(apiName, id, user, now);
            return FxiaokeOutcome.Ok(id);
        }
    }

    public FxiaokeOutcome Delete(string apiName, string id, string user)
    {
        lock (_gate)
        {
            var existing = Objects(apiName).Find(id);
            if (existing is null || IsDeleted(existing) || !IsInvalid(existing))
            {
                // Only invalidated records can be deleted.
                return existing is not null && !IsDeleted(existing)
                    ? FxiaokeOutcome.Invalid($"{apiName} {id}: only invalid records can be deleted")
                    : FxiaokeOutcome.Missing(apiName, id);
            }

            var record = (JsonObject)existing.DeepClone();
            record["is_deleted"] = true;
            Touch(record, user, Now());
            Objects(apiName).Put(record);
            return FxiaokeOutcome.Ok(id);
        }
    }

    public bool Exists(string apiName, string id)
    {
        lock (_gate)
        {
            return Objects(apiName).Find(id) is { } r && !IsDeleted(r) && !IsInvalid(r);
        }
    }

    private static bool IsDeleted(JsonObject record) => record["is_deleted"]?.GetValue<bool>() == true;

    private static bool IsInvalid(JsonObject record) => record["life_status"]?.GetValue<string>() == "invalid";

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private FxiaokeObjectStore Objects(string apiName)
    {
        if (!_objects.TryGetValue(apiName, out var store))
        {
            _objects[apiName] = store = new FxiaokeObjectStore(apiName);
        }

        return store;
    }

    private string? Validate(string apiName, JsonObject data, bool create)
    {
        if (!_schemas.TryGetValue(apiName, out var schema))
        {
            _schemas[apiName] = schema = FxiaokeSchema.For(apiName, _options.ServiceTicketObject);
        }

        var problem = FxiaokeSchema.Validate(schema, data, create, (target, id) => Objects(target).Find(id) is { } r && !IsDeleted(r) && !IsInvalid(r));
        return problem is null ? null : $"{apiName}.{problem}";
    }

    private string? ValidateDetails(string apiName, JsonObject? details)
    {
        if (details is null)
        {
            return null;
        }

        foreach (var (detailApi, rows) in details)
        {
            if (!_options.DetailObjects.TryGetValue(apiName, out var relation) || relation.ApiName != detailApi)
            {
                return $"details: {detailApi} is not a detail object of {apiName}";
            }

            foreach (var row in (rows as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                if (Validate(detailApi, row, create: true) is { } problem)
                {
                    return problem;
                }
            }
        }

        return null;
    }

    private void WriteDetails(string apiName, string masterId, JsonObject? details, string user, long now)
    {
        if (details is null || !_options.DetailObjects.TryGetValue(apiName, out var relation))
        {
            return;
        }

        foreach (var row in (details[relation.ApiName] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var record = NewRecord(relation.ApiName, row, user, now);
            record[relation.MasterField] = masterId;
            Objects(relation.ApiName).Put(record);
        }
    }

    private void InvalidateDetails(string apiName, string masterId, string user, long now)
    {
        if (!_options.DetailObjects.TryGetValue(apiName, out var relation))
        {
            return;
        }

        var lines = Objects(relation.ApiName).Query([new FxiaokeFilter(relation.MasterField, "EQ", [masterId])], [], 0, int.MaxValue);
        foreach (var line in lines.Where(l => !IsInvalid(l)))
        {
            var copy = (JsonObject)line.DeepClone();
            copy["life_status"] = "invalid";
            Touch(copy, user, now);
            Objects(relation.ApiName).Put(copy);
        }
    }

    private JsonObject NewRecord(string apiName, JsonObject data, string user, long now)
    {
        var sequence = ++_sequence;
        var record = new JsonObject();
        foreach (var (name, value) in data)
        {
            if (!SystemFields.Contains(name))
            {
                record[name] = value?.DeepClone();
            }
        }

        record["_id"] = string.Create(CultureInfo.InvariantCulture, $"{now / 1000:x8}{sequence:x16}");
        record["object_describe_api_name"] = apiName;
        record["create_time"] = now;
        record["created_by"] = new JsonArray(user);
        record["owner"] ??= new JsonArray(user);
        record["is_deleted"] = false;
        record["life_status"] = "normal";
        record["record_type"] ??= "default__c";
        record["version"] = "0";
        Touch(record, user, now);
        return record;
    }

    private static void Touch(JsonObject record, string user, long now)
    {
        record["last_modified_time"] = now;
        record["last_modified_by"] = new JsonArray(user);
        var version = long.Parse(record["version"]?.GetValue<string>() ?? "0", CultureInfo.InvariantCulture);
        record["version"] = (version + 1).ToString(CultureInfo.InvariantCulture);
    }
}
