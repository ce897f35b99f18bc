using System.Text;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.BusinessCentral;

/// <summary>One stored record: its fields and a version that changes on every write (the ETag).</summary>
internal sealed class BcRow
{
    public BcRow(Guid id, JsonObject data)
    {
        Id = id;
        Data = data;
    }

    public Guid Id { get; }

    public JsonObject Data { get; private set; }

    public long Version { get; private set; } = 1;

    /// <summary>Gets the weak ETag, opaque like BC's (<c>W/"JzE5OzE…Jw=="</c>).</summary>
    public string ETag => "W/\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes($"'{Version};{Id:N};'")) + "\"";

    public void Touch(DateTimeOffset now)
    {
        Version++;
        Data["lastModifiedDateTime"] = BcClock.Format(now);
    }

    public BcRow Clone() => new(Id, (JsonObject)Data.DeepClone()) { Version = Version };
}
