using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>
/// Reads a notification body, <c>{"value":[{"subscriptionId","clientState","expirationDateTime","resource","changeType","lastModifiedDateTime"}]}</c>,
/// where <c>resource</c> is <c>api/v2.0/companies(…)/customers(&lt;id&gt;)</c>, or for <c>collection</c> the entity set with a
/// <c>$filter=lastModifiedDateTime gt …</c>.
/// </summary>
internal static class BusinessCentralNotificationParser
{
    public static bool TryParse(ReadOnlyMemory<byte> body, out List<BusinessCentralNotification> notifications, out string? error)
    {
        notifications = [];
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body.Span);
        }
        catch (JsonException e)
        {
            error = $"the body is not JSON ({e.Message})";
            return false;
        }

        if (root?["value"] is not JsonArray items)
        {
            error = "expected {\"value\":[…]}";
            return false;
        }

        foreach (var item in items)
        {
            if (item is not JsonObject n || n["resource"]?.ToString() is not { } resource || n["changeType"]?.ToString() is not { } changeType)
            {
                error = "a notification lacks resource or changeType";
                return false;
            }

            var (entity, id, filterSince) = Resource(resource);
            if (entity is null)
            {
                error = $"the resource '{resource}' names no entity under companies(…)";
                return false;
            }

            var modified = DateTimeOffset.TryParse(n["lastModifiedDateTime"]?.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var m) ? m : (DateTimeOffset?)null;
            notifications.Add(new BusinessCentralNotification(n["clientState"]?.ToString(), entity, id, changeType, modified, n["lastModifiedDateTime"]?.ToString(), filterSince));
        }

        error = null;
        return true;
    }

    /// <summary>Splits a resource into the entity set, the record id (when one) and the collection filter's instant (when one).</summary>
    private static (string? Entity, string? Id, DateTimeOffset? Since) Resource(string resource)
    {
        var text = Uri.UnescapeDataString(resource);
        var at = text.IndexOf("companies(", StringComparison.OrdinalIgnoreCase);
        var slash = at < 0 ? -1 : text.IndexOf(")/", at, StringComparison.Ordinal);
        if (slash < 0)
        {
            return (null, null, null);
        }

        var rest = text[(slash + 2)..];
        var query = rest.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? rest : rest[..query];
        DateTimeOffset? since = null;
        if (query >= 0)
        {
            var filter = rest[(query + 1)..];
            var gt = filter.IndexOf(" gt ", StringComparison.OrdinalIgnoreCase);
            if (gt >= 0 && DateTimeOffset.TryParse(filter[(gt + 4)..].Split('&', ' ')[0].Trim('\''), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var s))
            {
                since = s;
            }
        }

        var open = path.IndexOf('(', StringComparison.Ordinal);
        return open < 0 ? (path.TrimEnd('/'), null, since) : (path[..open], path[(open + 1)..].TrimEnd(')').Trim('\''), since);
    }
}
