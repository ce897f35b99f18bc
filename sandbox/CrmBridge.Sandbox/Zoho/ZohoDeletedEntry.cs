using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Zoho;

/// <summary>
/// One entry of a module's deleted-records list: a record in the recycle bin (<c>recycle</c>), or one deleted
/// permanently (<c>permanent</c>: purged from the bin). Mutable only under the sandbox's lock.
/// </summary>
internal sealed class ZohoDeletedEntry
{
    public ZohoDeletedEntry(ZohoStoredRecord record, string displayField, JsonObject deletedBy, DateTimeOffset deletedTime)
    {
        Record = record;
        DisplayName = record.Data[displayField] is JsonValue v ? v.ToString() : null;
        DeletedBy = deletedBy;
        DeletedTime = deletedTime;
    }

    /// <summary>Gets the record as it was when deleted (restorable while in the bin).</summary>
    public ZohoStoredRecord Record { get; }

    public long Id => Record.Id;

    public string? DisplayName { get; }

    public JsonObject DeletedBy { get; }

    /// <summary>Gets or sets when it was deleted (whole seconds); purging stamps the purge time.</summary>
    public DateTimeOffset DeletedTime { get; set; }

    /// <summary>Gets or sets whether it was purged from the recycle bin.</summary>
    public bool Permanent { get; set; }

    /// <summary>The entry as Zoho lists it; permanent entries carry no names or users (as in Zoho's documented sample).</summary>
    /// <returns>The JSON entry.</returns>
    public JsonObject ToJson() => new()
    {
        ["deleted_by"] = Permanent ? null : DeletedBy.DeepClone(),
        ["id"] = Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["display_name"] = Permanent ? null : DisplayName,
        ["type"] = Permanent ? "permanent" : "recycle",
        ["created_by"] = Permanent ? null : Record.Data["Created_By"]?.DeepClone(),
        ["deleted_time"] = ZohoSandbox.FormatTime(DeletedTime),
    };
}
