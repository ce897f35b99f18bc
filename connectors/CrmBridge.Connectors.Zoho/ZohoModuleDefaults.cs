namespace CrmBridge.Connectors.Zoho;

/// <summary>
/// The fields read by default per standard module. <c>Tracking_Number</c> and <c>Invoice_Number</c> (Sales_Orders) and
/// <c>Resolution</c> (Cases) are custom fields the bridge writes back from the ERP (see docs/zoho.md for creating them).
/// </summary>
internal static class ZohoModuleDefaults
{
    private static readonly Dictionary<string, string[]> Fields = new(StringComparer.Ordinal)
    {
        ["Accounts"] =
        [
            "Account_Name", "Account_Number", "Account_Type", "Industry", "Phone", "Website", "Email",
            "Billing_Street", "Billing_City", "Billing_Code", "Billing_State", "Billing_Country", "Currency", "Description", "Owner", "Created_Time",
        ],
        ["Contacts"] =
        [
            "First_Name", "Last_Name", "Full_Name", "Email", "Phone", "Mobile", "Account_Name", "Title",
            "Mailing_Street", "Mailing_City", "Mailing_Zip", "Mailing_Country", "Owner", "Created_Time",
        ],
        ["Sales_Orders"] =
        [
            "Subject", "SO_Number", "Account_Name", "Contact_Name", "Status", "Due_Date", "Currency", "Sub_Total", "Discount",
            "Tax", "Adjustment", "Grand_Total", "Ordered_Items", "Carrier", "Tracking_Number", "Invoice_Number", "Description", "Owner", "Created_Time",
        ],
        ["Cases"] =
        [
            "Subject", "Case_Number", "Account_Name", "Contact_Name", "Sales_Order", "Status", "Priority", "Case_Origin", "Type",
            "Description", "Resolution", "Owner", "Created_Time",
        ],
    };

    /// <summary>Gets the default field list of a standard module, or <see langword="null"/>.</summary>
    /// <param name="module">The module API name.</param>
    /// <returns>The fields.</returns>
    public static IReadOnlyList<string>? For(string module) => Fields.GetValueOrDefault(module);
}
