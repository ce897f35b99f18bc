using System.Text.Json.Nodes;
using static CrmBridge.Sandbox.Dataverse.DataverseRegistrationSchemas;

namespace CrmBridge.Sandbox.Dataverse;

/// <summary>
/// Seeds what every Dataverse environment has (the <c>sdkmessage</c> rows Create/Update/Delete and an
/// <c>sdkmessagefilter</c> per message and table) and, when <see cref="DataverseSandboxOptions.WebhookUrl"/> is set, the
/// registration an admin would make by hand in the Plug-in Registration Tool: a WebhookKey service endpoint and
/// asynchronous post-operation Create/Update/Delete steps with a full post image on every table. Those rows are not
/// CrmBridge's (their names do not start with <c>CrmBridge:</c>), so <c>crmbridge dataverse unregister</c> leaves them.
/// </summary>
internal static class DataverseRegistrationSeeder
{
    public static readonly string[] SyncedMessages = ["Create", "Update", "Delete"];

    public static void Seed(DataverseStore store, IEnumerable<DataverseTableSchema> tables, DataverseSandboxOptions options)
    {
        var user = options.SeedUserId;
        var messages = SyncedMessages.ToDictionary(m => m, m => Insert(store, Messages, new JsonObject { ["name"] = m }, user));
        var filters = new Dictionary<(string Message, string Table), Guid>();
        foreach (var table in tables)
        {
            foreach (var (message, id) in messages)
            {
                filters[(message, table.LogicalName)] = Insert(store, Filters, new JsonObject
                {
                    ["primaryobjecttypecode"] = table.LogicalName,
                    ["sdkmessageid@odata.bind"] = $"/{Messages}({id})",
                }, user);
            }
        }

        if (options.WebhookUrl is null)
        {
            return;
        }

        var endpoint = Insert(store, Endpoints, new JsonObject
        {
            ["name"] = "Sandbox webhook (DataverseSandboxOptions.WebhookUrl)",
            ["url"] = options.WebhookUrl.ToString(),
            ["contract"] = 8,
            ["authtype"] = 4,
            ["authvalue"] = options.WebhookKey,
        }, user);
        foreach (var ((message, table), filter) in filters)
        {
            var step = Insert(store, Steps, new JsonObject
            {
                ["name"] = $"Sandbox webhook: {message} of {table}",
                ["mode"] = 1,
                ["stage"] = 40,
                ["rank"] = 1,
                ["supporteddeployment"] = 0,
                ["sdkmessageid@odata.bind"] = $"/{Messages}({messages[message]})",
                ["sdkmessagefilterid@odata.bind"] = $"/{Filters}({filter})",
                ["eventhandler_serviceendpoint@odata.bind"] = $"/{Endpoints}({endpoint})",
            }, user);
            if (message != "Delete")
            {
                Insert(store, Images, new JsonObject
                {
                    ["name"] = "PostImage",
                    ["entityalias"] = "PostImage",
                    ["imagetype"] = 1,
                    ["messagepropertyname"] = message == "Create" ? "Id" : "Target",
                    ["sdkmessageprocessingstepid@odata.bind"] = $"/{Steps}({step})",
                }, user);
            }
        }
    }

    private static Guid Insert(DataverseStore store, string entitySet, JsonObject body, Guid user)
    {
        var table = store.Table(entitySet);
        return store.Create(table, Guid.NewGuid(), DataverseValidator.Validate(store, table, body), user, Guid.NewGuid()).Id;
    }
}
