using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Dataverse;

/// <summary>In-process seeding and inspection (no HTTP, not counted as API calls; changes still feed change tracking and webhooks).</summary>
public sealed partial class DataverseSandbox
{
    /// <summary>Creates a record as a human user would (validated like an API write; <c>@odata.bind</c> allowed).</summary>
    /// <param name="entitySet">The entity set.</param>
    /// <param name="body">The columns.</param>
    /// <returns>The new record's id.</returns>
    public Guid Create(string entitySet, JsonObject body)
    {
        var table = _store.Table(entitySet);
        var write = DataverseValidator.Validate(_store, table, body);
        return _store.Create(table, Guid.NewGuid(), write, _options.SeedUserId, Guid.NewGuid()).Id;
    }

    /// <summary>Updates a record as a human user would.</summary>
    /// <param name="entitySet">The entity set.</param>
    /// <param name="id">The id.</param>
    /// <param name="body">The columns to change.</param>
    public void Update(string entitySet, Guid id, JsonObject body)
    {
        var table = _store.Table(entitySet);
        var write = DataverseValidator.Validate(_store, table, body);
        lock (_store.Gate)
        {
            var row = _store.Find(table, id) ?? throw DataverseApiException.NotFound(table.Schema.LogicalName, id.ToString());
            _store.Update(table, row, write, _options.SeedUserId, Guid.NewGuid());
        }
    }

    /// <summary>Deletes a record as a human user would.</summary>
    /// <param name="entitySet">The entity set.</param>
    /// <param name="id">The id.</param>
    /// <returns><see langword="true"/> when it existed.</returns>
    public bool Delete(string entitySet, Guid id) => _store.Delete(_store.Table(entitySet), id, _options.SeedUserId, Guid.NewGuid());

    /// <summary>Reads a record's columns (lookups as <c>_x_value</c>, plus <c>versionnumber</c>, <c>modifiedon</c>).</summary>
    /// <param name="entitySet">The entity set.</param>
    /// <param name="id">The id.</param>
    /// <returns>A copy of the record, or <see langword="null"/>.</returns>
    public JsonObject? Get(string entitySet, Guid id)
    {
        lock (_store.Gate)
        {
            return _store.Find(_store.Table(entitySet), id)?.Data.DeepClone() as JsonObject;
        }
    }

    /// <summary>Lists copies of the records of an entity set matching a predicate (registration tables included, <c>authvalue</c> too).</summary>
    /// <param name="entitySet">The entity set.</param>
    /// <param name="predicate">The predicate over the record's columns; <see langword="null"/> = all.</param>
    /// <returns>The copies.</returns>
    public IReadOnlyList<JsonObject> List(string entitySet, Func<JsonObject, bool>? predicate = null)
    {
        lock (_store.Gate)
        {
            return _store.Table(entitySet).Rows.Values.Where(r => predicate?.Invoke(r.Data) ?? true).Select(r => (JsonObject)r.Data.DeepClone()).ToList();
        }
    }

    /// <summary>Counts the records of an entity set matching a predicate.</summary>
    /// <param name="entitySet">The entity set.</param>
    /// <param name="predicate">The predicate over the record's columns.</param>
    /// <returns>The count.</returns>
    public int Count(string entitySet, Func<JsonObject, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        lock (_store.Gate)
        {
            return _store.Table(entitySet).Rows.Values.Count(r => predicate(r.Data));
        }
    }
}
