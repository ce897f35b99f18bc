using System.Text.Json.Nodes;
using static CrmBridge.Sandbox.Dataverse.DataverseRegistrationSchemas;

namespace CrmBridge.Sandbox.Dataverse;

/// <summary>
/// Decides which webhook calls a committed change causes, as Dataverse does: every enabled step whose message
/// (<c>sdkmessage.name</c>) and table (<c>sdkmessagefilter.primaryobjecttypecode</c>) match and whose event handler is a
/// Webhook service endpoint (contract 8); an Update fires a step with <c>filteringattributes</c> only when the request's
/// Target holds one of them. No step, no call.
/// </summary>
internal sealed class WebhookRegistrations
{
    private readonly DataverseStore _store;

    public WebhookRegistrations(DataverseStore store) => _store = store;

    public IReadOnlyList<WebhookDelivery> Match(DataverseChangeEvent change)
    {
        var deliveries = new List<WebhookDelivery>();
        lock (_store.Gate)
        {
            var messages = _store.Table(Messages);
            var filters = _store.Table(Filters);
            var endpoints = _store.Table(Endpoints);
            foreach (var step in _store.Table(Steps).Rows.Values.OrderBy(s => Int(s.Data, "stage")).ThenBy(s => Int(s.Data, "rank")))
            {
                if (Int(step.Data, "statecode") != 0 || Row(messages, step.Data["_sdkmessageid_value"])?.Data["name"]?.ToString() != change.MessageName)
                {
                    continue;
                }

                var filter = Row(filters, step.Data["_sdkmessagefilterid_value"]);
                if (filter is not null && filter.Data["primaryobjecttypecode"]?.ToString() != change.Schema.LogicalName)
                {
                    continue;
                }

                if (change.MessageName == "Update" && !Touches(step.Data["filteringattributes"]?.ToString(), change.Target))
                {
                    continue;
                }

                var endpoint = Row(endpoints, step.Data["_eventhandler_value"]);
                if (endpoint is null || Int(endpoint.Data, "contract") != 8 || !Uri.TryCreate(endpoint.Data["url"]?.ToString(), UriKind.Absolute, out var url))
                {
                    continue;
                }

                deliveries.Add(new WebhookDelivery(change, url, Int(endpoint.Data, "authtype"), endpoint.Data["authvalue"]?.ToString(), Int(step.Data, "mode"), PostImages(step.Id, change)));
            }
        }

        return deliveries;
    }

    /// <summary>Whether an update's Target holds one of the filtering attributes (none registered = every update).</summary>
    internal static bool Touches(string? filteringAttributes, JsonObject target)
    {
        var names = (filteringAttributes ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return names.Length == 0 || names.Any(target.ContainsKey);
    }

    private Dictionary<string, JsonObject> PostImages(Guid stepId, DataverseChangeEvent change)
    {
        var images = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        if (change.PostImage is null)
        {
            return images; // Delete has no post image
        }

        foreach (var image in _store.Table(Images).Rows.Values)
        {
            if (image.Data["_sdkmessageprocessingstepid_value"]?.ToString() != stepId.ToString() || Int(image.Data, "imagetype") is not (1 or 2))
            {
                continue;
            }

            var columns = (image.Data["attributes"]?.ToString() ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var attributes = new JsonObject();
            foreach (var (name, value) in change.PostImage)
            {
                if (columns.Length == 0 || columns.Any(c => c == name || $"_{c}_value" == name))
                {
                    attributes[name] = value?.DeepClone();
                }
            }

            images[image.Data["entityalias"]?.ToString() ?? "PostImage"] = attributes;
        }

        return images;
    }

    private static DataverseRow? Row(DataverseTable table, JsonNode? id) =>
        Guid.TryParse(id?.ToString(), out var guid) ? table.Rows.GetValueOrDefault(guid) : null;

    private static int Int(JsonObject data, string column) => data[column] is JsonValue v && v.TryGetValue<int>(out var i) ? i : 0;
}
