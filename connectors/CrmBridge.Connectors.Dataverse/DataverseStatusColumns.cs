using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Dataverse;

/// <summary>
/// Creates the sync-status columns on a table through the metadata Web API (<c>POST EntityDefinitions(LogicalName='…')/Attributes</c>)
/// when they are missing: <c>{prefix}_syncstatus</c> (text, 20: synced / failed / pending), <c>{prefix}_erpnumber</c>
/// (text, 100), <c>{prefix}_lastsyncedon</c> (date and time) and <c>{prefix}_syncerror</c> (multiline text, 2,000). The
/// prefix must be a publisher's customization prefix in the environment. Existing columns are left as they are.
/// </summary>
public sealed class DataverseStatusColumns
{
    private readonly DataverseRegistrationClient _client;

    internal DataverseStatusColumns(DataverseRegistrationClient client) => _client = client;

    /// <summary>Gets the status columns' logical names for a prefix (never filtering attributes).</summary>
    /// <param name="prefix">The publisher prefix, e.g. <c>crmb</c>.</param>
    /// <returns>The four logical names.</returns>
    public static IReadOnlyList<string> Names(string prefix) => Definitions(prefix).Select(d => d.SchemaName.ToLowerInvariant()).ToArray();

    /// <summary>Creates the missing columns on each table.</summary>
    /// <param name="logicalNames">The tables (logical names).</param>
    /// <param name="prefix">The publisher prefix.</param>
    /// <param name="solution">The unmanaged solution to add the columns to (<c>MSCRM.SolutionUniqueName</c>), or <see langword="null"/> for the default solution.</param>
    /// <param name="dryRun">Only read and report.</param>
    /// <param name="progress">Receives each change.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Every change, in order.</returns>
    public async Task<IReadOnlyList<DataverseRegistrationChange>> EnsureAsync(
        IEnumerable<string> logicalNames, string prefix, string? solution, bool dryRun, Action<DataverseRegistrationChange> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logicalNames);
        ArgumentNullException.ThrowIfNull(progress);
        var changes = new List<DataverseRegistrationChange>();
        foreach (var table in logicalNames.Distinct(StringComparer.Ordinal))
        {
            var address = $"EntityDefinitions(LogicalName='{table}')/Attributes";
            var existing = (await _client.ListAsync($"{address}?$select=LogicalName", $"reading the columns of {table}", cancellationToken).ConfigureAwait(false))
                .Select(a => a["LogicalName"]?.ToString()).OfType<string>().ToHashSet(StringComparer.Ordinal);
            foreach (var definition in Definitions(prefix))
            {
                var logicalName = definition.SchemaName.ToLowerInvariant();
                var change = new DataverseRegistrationChange(existing.Contains(logicalName) ? "unchanged" : "create", "column", $"{table}.{logicalName}", definition.Describe);
                changes.Add(change);
                progress(change);
                if (change.Action == "create" && !dryRun)
                {
                    await _client.PostAsync(address, definition.Body(), $"creating column {table}.{logicalName}", solution, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return changes;
    }

    private static IEnumerable<ColumnDefinition> Definitions(string prefix) =>
    [
        new($"{prefix}_SyncStatus", "Sync status", "CrmBridge: synced, failed or pending.", "String", 20),
        new($"{prefix}_ErpNumber", "ERP number", "CrmBridge: the record's number in the ERP.", "String", 100),
        new($"{prefix}_LastSyncedOn", "Last synced on", "CrmBridge: when the record last reached the ERP.", "DateTime", null),
        new($"{prefix}_SyncError", "Sync error", "CrmBridge: why the last sync failed, in plain words.", "Memo", 2000),
    ];

    private sealed record ColumnDefinition(string SchemaName, string DisplayName, string Description, string Type, int? MaxLength)
    {
        public string Describe => MaxLength is { } max ? $"{Type}, {max}" : Type;

        // The shapes of "Create and update column definitions using the Web API" (string, memo and datetime examples).
        public JsonObject Body()
        {
            var body = new JsonObject
            {
                ["@odata.type"] = $"Microsoft.Dynamics.CRM.{Type}AttributeMetadata",
                ["AttributeType"] = Type,
                ["AttributeTypeName"] = new JsonObject { ["Value"] = Type + "Type" },
                ["SchemaName"] = SchemaName,
                ["DisplayName"] = Label(DisplayName),
                ["Description"] = Label(Description),
                ["RequiredLevel"] = new JsonObject { ["Value"] = "None", ["CanBeChanged"] = true, ["ManagedPropertyLogicalName"] = "canmodifyrequirementlevelsettings" },
            };
            switch (Type)
            {
                case "String":
                    body["MaxLength"] = MaxLength;
                    body["FormatName"] = new JsonObject { ["Value"] = "Text" };
                    break;
                case "Memo":
                    body["MaxLength"] = MaxLength;
                    body["Format"] = "TextArea";
                    break;
                default:
                    body["Format"] = "DateAndTime";
                    body["DateTimeBehavior"] = new JsonObject { ["Value"] = "UserLocal" };
                    break;
            }

            return body;
        }

        private static JsonObject Label(string text) => new()
        {
            ["@odata.type"] = "Microsoft.Dynamics.CRM.Label",
            ["LocalizedLabels"] = new JsonArray(new JsonObject { ["@odata.type"] = "Microsoft.Dynamics.CRM.LocalizedLabel", ["Label"] = text, ["LanguageCode"] = 1033 }),
        };
    }
}
