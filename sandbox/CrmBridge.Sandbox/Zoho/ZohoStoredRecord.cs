using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Zoho;

/// <summary>One record held by the emulator.</summary>
internal sealed class ZohoStoredRecord
{
    public ZohoStoredRecord(long id, JsonObject data, DateTimeOffset modified)
    {
        Id = id;
        Data = data;
        Modified = modified;
    }

    public long Id { get; }

    public JsonObject Data { get; }

    /// <summary>Gets or sets Modified_Time (whole seconds, as Zoho reports it).</summary>
    public DateTimeOffset Modified { get; set; }
}
