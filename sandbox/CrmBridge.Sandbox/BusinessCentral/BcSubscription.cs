using System.Text;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.BusinessCentral;

/// <summary>One webhook subscription and the changes buffered for its next notification.</summary>
internal sealed class BcSubscription
{
    public required string Id { get; init; }

    public required string NotificationUrl { get; set; }

    public required string Resource { get; init; }

    public required Guid CompanyId { get; init; }

    public required string Entity { get; init; }

    public string? ClientState { get; set; }

    public DateTimeOffset Expiration { get; set; }

    public DateTimeOffset Modified { get; set; }

    public long Version { get; set; } = 1;

    public List<BcChange> Buffer { get; } = [];

    public bool Scheduled { get; set; }

    public string ETag => "W/\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes($"'{Version};{Id};'")) + "\"";

    public JsonObject Output() => new()
    {
        ["@odata.etag"] = ETag, ["subscriptionId"] = Id, ["notificationUrl"] = NotificationUrl, ["resource"] = Resource,
        ["userId"] = "00000000-0000-0000-0000-000000000001", ["lastModifiedDateTime"] = BcClock.Format(Modified), ["clientState"] = ClientState ?? string.Empty,
        ["expirationDateTime"] = BcClock.Format(Expiration), ["systemCreatedAt"] = BcClock.Format(Modified), ["systemCreatedBy"] = BcSchemas.EmptyId,
        ["systemModifiedAt"] = BcClock.Format(Modified), ["systemModifiedBy"] = BcSchemas.EmptyId,
    };
}
