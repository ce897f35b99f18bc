namespace CrmBridge.Sandbox.Dataverse;

/// <summary>
/// The default tables of the emulator: a subset of the standard account, contact, salesorder, salesorderdetail and
/// incident columns, plus the custom columns CrmBridge's default mappings write back (<c>new_erpstatus</c>,
/// <c>new_trackingnumber</c>, <c>new_invoicenumber</c>, <c>new_resolution</c>), and on salesorder and incident the sync
/// status columns <c>crmbridge dataverse register --status-columns</c> creates with the default prefix <c>crmb</c>
/// (docs/sync-status.md).
/// </summary>
public static class DataverseSchemas
{
    private static readonly Dictionary<int, string> ActiveInactive = new() { [0] = "Active", [1] = "Inactive" };

    /// <summary>
    /// Gets the default tables: an organisation where the admin has already created CrmBridge's status columns
    /// (<c>crmbridge dataverse register --status-columns</c>) on salesorder and incident, as the demo needs.
    /// </summary>
    /// <returns>The schemas.</returns>
    public static IReadOnlyList<DataverseTableSchema> Default() => Build(statusColumns: true);

    /// <summary>Gets the default tables as a fresh organisation has them: without CrmBridge's status columns.</summary>
    /// <returns>The schemas.</returns>
    public static IReadOnlyList<DataverseTableSchema> WithoutStatusColumns() => Build(statusColumns: false);

    private static IReadOnlyList<DataverseTableSchema> Build(bool statusColumns) =>
    [
        new("accounts", "account", "accountid", "name", ["accountnumber"],
        [
            S("name", 160), S("accountnumber", 20), S("telephone1", 50), S("emailaddress1", 100), S("address1_line1", 250),
            S("address1_city", 80), S("address1_postalcode", 20), S("address1_country", 80), S("description", 2000),
            new("creditlimit", DataverseAttributeType.Decimal),
            O("customertypecode", new() { [1] = "Competitor", [2] = "Consultant", [3] = "Customer", [11] = "Prospect", [12] = "Other" }),
            O("accountcategorycode", new() { [1] = "Preferred Customer", [2] = "Standard" }),
            O("statecode", ActiveInactive), O("statuscode", new() { [1] = "Active", [2] = "Inactive" }),
        ]),
        new("contacts", "contact", "contactid", "fullname", [],
        [
            S("firstname", 50), S("lastname", 50), S("fullname", 160), S("emailaddress1", 100), S("telephone1", 50),
            Customer("parentcustomerid"),
            O("statecode", ActiveInactive), O("statuscode", new() { [1] = "Active", [2] = "Inactive" }),
        ]),
        new("salesorders", "salesorder", "salesorderid", "name", ["ordernumber"],
        [
            S("name", 300), S("ordernumber", 100), S("description", 2000), Customer("customerid"),
            new("totalamount", DataverseAttributeType.Decimal), new("datefulfilled", DataverseAttributeType.DateTime),
            new("requestdeliveryby", DataverseAttributeType.DateTime),
            O("statecode", new() { [0] = "Active", [1] = "Submitted", [2] = "Canceled", [3] = "Fulfilled", [4] = "Invoiced" }),
            O("statuscode", new() { [1] = "New", [2] = "Pending", [3] = "In Progress", [4] = "No Money", [100001] = "Complete", [100002] = "Partial", [100003] = "Invoiced" }),
            O("new_erpstatus", ErpOrderStatus), S("new_trackingnumber", 100), S("new_carrier", 100), S("new_invoicenumber", 100),
            .. (statusColumns ? SyncStatusColumns() : []),
        ]),
        new("salesorderdetails", "salesorderdetail", "salesorderdetailid", "productdescription", [],
        [
            new("salesorderid", DataverseAttributeType.Lookup, Targets: new Dictionary<string, string> { ["salesorderid"] = "salesorders" }),
            S("productdescription", 500), new("lineitemnumber", DataverseAttributeType.Integer),
            new("quantity", DataverseAttributeType.Decimal), new("priceperunit", DataverseAttributeType.Decimal),
            new("manualdiscountamount", DataverseAttributeType.Decimal), new("extendedamount", DataverseAttributeType.Decimal),
            new("isproductoverridden", DataverseAttributeType.Boolean),
        ]),
        new("incidents", "incident", "incidentid", "title", ["ticketnumber"],
        [
            S("title", 200), S("ticketnumber", 100), S("description", 2000), Customer("customerid"),
            O("prioritycode", new() { [1] = "High", [2] = "Normal", [3] = "Low" }),
            O("caseorigincode", new() { [1] = "Phone", [2] = "Email", [3] = "Web" }),
            O("statecode", new() { [0] = "Active", [1] = "Resolved", [2] = "Canceled" }),
            O("statuscode", new() { [1] = "In Progress", [2] = "On Hold", [3] = "Waiting for Details", [4] = "Researching", [5] = "Problem Solved", [6] = "Cancelled" }),
            O("new_erpstatus", new() { [100000000] = "Open", [100000001] = "In Progress", [100000002] = "Resolved", [100000003] = "Closed" }),
            S("new_resolution", 2000),
            .. (statusColumns ? SyncStatusColumns() : []),
        ]),
    ];

    private static Dictionary<int, string> ErpOrderStatus => new()
    {
        [100000000] = "Open", [100000001] = "Shipped", [100000002] = "Invoiced", [100000003] = "Cancelled",
    };

    private static DataverseAttribute[] SyncStatusColumns() =>
    [
        S("crmb_syncstatus", 20), S("crmb_erpnumber", 100), new("crmb_lastsyncedon", DataverseAttributeType.DateTime), S("crmb_syncerror", 2000),
    ];

    private static DataverseAttribute S(string name, int max) => new(name, DataverseAttributeType.String, max);

    private static DataverseAttribute O(string name, Dictionary<int, string> options) => new(name, DataverseAttributeType.OptionSet, Options: options);

    private static DataverseAttribute Customer(string name) => new(name, DataverseAttributeType.Lookup, Targets: new Dictionary<string, string>
    {
        [name + "_account"] = "accounts",
        [name + "_contact"] = "contacts",
    });
}
