namespace CrmBridge.Sandbox.Zoho;

/// <summary>The validation rules the emulator applies per standard module: mandatory fields and restricted picklists.</summary>
internal static class ZohoModuleSchema
{
    /// <summary>The standard modules served.</summary>
    public static readonly IReadOnlyList<string> StandardModules = ["Accounts", "Contacts", "Sales_Orders", "Cases", "Products"];

    private static readonly Dictionary<string, string[]> Mandatory = new(StringComparer.Ordinal)
    {
        ["Accounts"] = ["Account_Name"],
        ["Contacts"] = ["Last_Name"],
        ["Sales_Orders"] = ["Subject"],
        ["Cases"] = ["Subject"],
        ["Products"] = ["Product_Name"],
    };

    private static readonly Dictionary<(string Module, string Field), HashSet<string>> Picklists = new()
    {
        [("Sales_Orders", "Status")] = new(StringComparer.Ordinal) { "Created", "Approved", "Confirmed", "Delivered", "Shipped", "Invoiced", "Cancelled" },
        [("Cases", "Status")] = new(StringComparer.Ordinal) { "New", "On Hold", "Escalated", "Closed" },
        [("Cases", "Priority")] = new(StringComparer.Ordinal) { "High", "Medium", "Low" },
        // Custom picklists an admin adds for the bridge's sync status (docs/sync-status.md).
        [("Sales_Orders", "Sync_Status")] = new(StringComparer.Ordinal) { "synced", "failed", "pending" },
        [("Cases", "Sync_Status")] = new(StringComparer.Ordinal) { "synced", "failed", "pending" },
        [("Accounts", "Account_Type")] = new(StringComparer.Ordinal) { "Analyst", "Competitor", "Customer", "Distributor", "Integrator", "Investor", "Partner", "Press", "Prospect", "Reseller", "Other" },
    };

    /// <summary>Gets the mandatory fields of a module (none for custom modules).</summary>
    /// <param name="module">The module API name.</param>
    /// <returns>The field API names.</returns>
    public static IReadOnlyList<string> MandatoryFields(string module) => Mandatory.TryGetValue(module, out var f) ? f : [];

    /// <summary>Checks a picklist value.</summary>
    /// <param name="module">The module.</param>
    /// <param name="field">The field.</param>
    /// <param name="value">The value.</param>
    /// <returns><see langword="false"/> when the field is a restricted picklist and the value is not one of its options.</returns>
    public static bool IsAllowed(string module, string field, string value) =>
        !Picklists.TryGetValue((module, field), out var options) || options.Contains(value);
}
