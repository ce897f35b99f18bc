using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Fxiaoke;

/// <summary>In-process seeding and inspection: no HTTP, not counted as API calls, but changes appear in queries like API writes.</summary>
public sealed partial class FxiaokeSandbox
{
    /// <summary>The user in-process writes are attributed to (a sales rep, not the bridge's integration user).</summary>
    public const string SeedUser = "FSUID_SEED";

    /// <summary>Creates a record (with detail rows for a master such as SalesOrderObj) as a CRM user would.</summary>
    /// <param name="apiName">The object API name.</param>
    /// <param name="fields">The fields, in the OpenAPI's value shapes.</param>
    /// <param name="details">Detail rows of the object's detail relation, if any.</param>
    /// <returns>The new record's _id.</returns>
    /// <exception cref="InvalidOperationException">When validation fails.</exception>
    public string CreateRecord(string apiName, JsonObject fields, IEnumerable<JsonObject>? details = null)
    {
        JsonObject? detailMap = null;
        if (details is not null && _options.DetailObjects.TryGetValue(apiName, out var relation))
        {
            detailMap = new JsonObject { [relation.ApiName] = new JsonArray(details.Cast<JsonNode?>().ToArray()) };
        }

        return Check(_store.Create(apiName, (JsonObject)fields.DeepClone(), detailMap, SeedUser));
    }

    /// <summary>Updates fields of a record as a CRM user would (bumps last_modified_time).</summary>
    /// <param name="apiName">The object.</param>
    /// <param name="id">The record id.</param>
    /// <param name="fields">The fields to change.</param>
    public void UpdateRecord(string apiName, string id, JsonObject fields)
    {
        var data = (JsonObject)fields.DeepClone();
        data["_id"] = id;
        Check(_store.Update(apiName, data, null, SeedUser));
    }

    /// <summary>Invalidates (作废) a record as a CRM user would.</summary>
    /// <param name="apiName">The object.</param>
    /// <param name="id">The record id.</param>
    public void InvalidateRecord(string apiName, string id) => Check(_store.Invalid(apiName, id, SeedUser));

    /// <summary>Reads a record (invalidated ones included, deleted ones not).</summary>
    /// <param name="apiName">The object.</param>
    /// <param name="id">The record id.</param>
    /// <returns>A copy, or <see langword="null"/>.</returns>
    public JsonObject? GetRecord(string apiName, string id) => _store.Get(apiName, id);

    /// <summary>Reads the live detail rows of a master record.</summary>
    /// <param name="masterApiName">The master object.</param>
    /// <param name="masterId">The master id.</param>
    /// <returns>The rows.</returns>
    public IReadOnlyList<JsonObject> GetDetails(string masterApiName, string masterId) =>
        _options.DetailObjects.TryGetValue(masterApiName, out var relation)
            ? _store.Query(relation.ApiName, [new FxiaokeFilter(relation.MasterField, "EQ", [masterId])], [], 0, int.MaxValue)
                .Where(r => (string?)r["life_status"] != "invalid").ToList()
            : [];

    /// <summary>Counts live records matching a predicate.</summary>
    /// <param name="apiName">The object.</param>
    /// <param name="predicate">The condition, or <see langword="null"/> for all.</param>
    /// <returns>The count.</returns>
    public int CountRecords(string apiName, Func<JsonObject, bool>? predicate = null) =>
        _store.Count(apiName, r => (string?)r["life_status"] != "invalid" && (predicate?.Invoke(r) ?? true));

    private static string Check(FxiaokeOutcome outcome) =>
        outcome.Code == 0 ? outcome.Id! : throw new InvalidOperationException($"fxiaoke sandbox: errorCode {outcome.Code}: {outcome.Message}");
}
