using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Dataverse;

/// <summary>
/// The <c>sdkmessage</c> ids of Create/Update/Delete and the <c>sdkmessagefilter</c> id of each (message, table) pair
/// (<c>_sdkmessageid_value</c> + <c>primaryobjecttypecode</c>): a step names both.
/// </summary>
internal sealed class DataverseMessageLookup
{
    private readonly Dictionary<string, Guid> _messages;
    private readonly Dictionary<(Guid Message, string Table), Guid> _filters;

    private DataverseMessageLookup(Dictionary<string, Guid> messages, Dictionary<(Guid, string), Guid> filters)
    {
        _messages = messages;
        _filters = filters;
    }

    public static async Task<DataverseMessageLookup> LoadAsync(DataverseRegistrationClient client, IEnumerable<string> tables, CancellationToken cancellationToken)
    {
        var names = string.Join(" or ", DataverseRegistrationNames.Messages.Select(m => $"name eq '{m}'"));
        var messages = (await client.ListAsync($"sdkmessages?$select=sdkmessageid,name&$filter={Uri.EscapeDataString(names)}", "looking up the Create/Update/Delete messages", cancellationToken).ConfigureAwait(false))
            .ToDictionary(m => m["name"]!.ToString(), m => Guid.Parse(m["sdkmessageid"]!.ToString()), StringComparer.Ordinal);
        var distinct = tables.Distinct(StringComparer.Ordinal).ToList();
        var filters = new Dictionary<(Guid, string), Guid>();
        if (distinct.Count > 0)
        {
            var filter = string.Join(" or ", distinct.Select(t => $"primaryobjecttypecode eq '{t}'"));
            foreach (var row in await client.ListAsync($"sdkmessagefilters?$select=sdkmessagefilterid,primaryobjecttypecode,_sdkmessageid_value&$filter={Uri.EscapeDataString(filter)}",
                "looking up the message filters", cancellationToken).ConfigureAwait(false))
            {
                if (Guid.TryParse(row["_sdkmessageid_value"]?.ToString(), out var message) && row["primaryobjecttypecode"]?.ToString() is { } table)
                {
                    filters[(message, table)] = Guid.Parse(row["sdkmessagefilterid"]!.ToString());
                }
            }
        }

        return new DataverseMessageLookup(messages, filters);
    }

    public Guid Message(string name) => _messages.TryGetValue(name, out var id)
        ? id
        : throw new ConnectorException("dataverse", ErrorKind.Permanent, "NO_SDKMESSAGE", $"dataverse: the environment has no sdkmessage '{name}' (or the application user cannot read sdkmessage: grant prvReadSdkMessage).");

    public Guid Filter(string message, string table) => _filters.TryGetValue((Message(message), table), out var id)
        ? id
        : throw new ConnectorException("dataverse", ErrorKind.Permanent, "NO_SDKMESSAGEFILTER",
            $"dataverse: table '{table}' has no sdkmessagefilter for {message} (is the logical name right under Connectors:Dataverse:Entities, and may the application user read sdkmessagefilter?).");
}
