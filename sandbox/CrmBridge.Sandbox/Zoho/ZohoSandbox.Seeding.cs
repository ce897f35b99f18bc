using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Zoho;

/// <summary>
/// In-process seeding and inspection for tests and the demo: no HTTP, not counted as API calls, but validated and
/// time-stamped like API writes, so the changes appear in polling and notifications exactly as a user's would.
/// </summary>
public sealed partial class ZohoSandbox
{
    private const string SeedUserName = "Sandbox User";

    /// <summary>Creates a record as a CRM user would.</summary>
    /// <param name="module">The module API name.</param>
    /// <param name="data">The fields (subform lines get ids).</param>
    /// <returns>The new record id.</returns>
    /// <exception cref="InvalidOperationException">When the record fails Zoho's validation.</exception>
    public string CreateRecord(string module, JsonObject data) => Write(module, null, data);

    /// <summary>Updates fields of a record as a CRM user would.</summary>
    /// <param name="module">The module API name.</param>
    /// <param name="id">The record id.</param>
    /// <param name="changes">The fields to set.</param>
    /// <returns>The record id.</returns>
    public string UpdateRecord(string module, string id, JsonObject changes) => Write(module, id, changes);

    /// <summary>Deletes a record as a CRM user would: it moves to the recycle bin and the deleted-records list.</summary>
    /// <param name="module">The module.</param>
    /// <param name="id">The id.</param>
    /// <returns><see langword="true"/> when it existed.</returns>
    public bool DeleteRecord(string module, string id)
    {
        var events = new List<ZohoWriteEvent>();
        bool removed;
        lock (_gate)
        {
            removed = Recycle(module, Store(module), id, SeedUserName);
            if (removed)
            {
                events.Add(new ZohoWriteEvent(module, "delete", id, []));
            }
        }

        Notify(events);
        return removed;
    }

    /// <summary>Reads a record (a copy).</summary>
    /// <param name="module">The module.</param>
    /// <param name="id">The id.</param>
    /// <returns>The record, or <see langword="null"/>.</returns>
    public JsonObject? GetRecord(string module, string id)
    {
        lock (_gate)
        {
            return long.TryParse(id, CultureInfo.InvariantCulture, out var n) && Store(module).Find(n) is { } r ? (JsonObject)r.Data.DeepClone() : null;
        }
    }

    /// <summary>Counts the records of a module that satisfy a predicate.</summary>
    /// <param name="module">The module.</param>
    /// <param name="predicate">The test, or <see langword="null"/> for all.</param>
    /// <returns>The count.</returns>
    public int CountRecords(string module, Func<JsonObject, bool>? predicate = null)
    {
        lock (_gate)
        {
            var store = Store(module);
            return predicate is null ? store.Count : store.All.Count(r => predicate(r.Data));
        }
    }

    private string Write(string module, string? id, JsonObject data)
    {
        var events = new List<ZohoWriteEvent>();
        JsonObject result;
        lock (_gate)
        {
            var store = Store(module);
            var existing = id is null ? null : store.Find(long.Parse(id, CultureInfo.InvariantCulture)) ?? throw new InvalidOperationException($"{module} {id} does not exist.");
            result = ApplyWrite(module, store, data, existing, 0, null, SeedUserName, events);
        }

        if (result["status"]?.GetValue<string>() != "success")
        {
            throw new InvalidOperationException($"Zoho sandbox rejected the {module} record: {result["code"]} {result["message"]}");
        }

        Notify(events);
        return result["details"]!["id"]!.GetValue<string>();
    }

    private ZohoModuleStore Store(string module) =>
        _modules.TryGetValue(module, out var store) ? store : throw new ArgumentException($"Unknown module {module}.", nameof(module));
}
