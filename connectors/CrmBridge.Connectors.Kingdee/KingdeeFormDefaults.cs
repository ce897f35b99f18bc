namespace CrmBridge.Connectors.Kingdee;

/// <summary>
/// Built-in settings of the standard forms (ERP-FACTS §1.4). Configured <c>FieldKeys</c> / <c>EntryFieldKeys</c> extend the
/// built-in lists (configuration binding appends to lists, so the lists start empty and these are added when read).
/// </summary>
internal static class KingdeeFormDefaults
{
    public const string Customer = "BD_Customer";
    public const string SalesOrder = "SAL_SaleOrder";

    public static KingdeeFormOptions CustomerForm() => new()
    {
        FormId = Customer,
        PkField = "FCUSTID",
        NumberField = "FNumber",
        AfterSave = KingdeeAfterSave.SubmitAndAudit,
        UnAuditToUpdate = true,
        Noun = "customer",
    };

    public static KingdeeFormOptions SalesOrderForm() => new()
    {
        FormId = SalesOrder,
        PkField = "FID",
        NumberField = "FBillNo",
        EntryKey = "FSaleOrderEntry",
        AfterSave = KingdeeAfterSave.None,
        Noun = "sales order",
    };

    public static IEnumerable<string> HeaderFields(string formId) => formId.ToUpperInvariant() switch
    {
        "BD_CUSTOMER" => ["FName", "FShortName", "FTEL", "FADDRESS", "FTAXREGISTERCODE", "FForbidStatus"],
        "SAL_SALEORDER" => ["FDate", "FCustId.FNumber", "FCloseStatus", "FCancelStatus", "FNote"],
        _ => [],
    };

    public static IEnumerable<string> EntryFields(string formId) => formId.ToUpperInvariant() switch
    {
        "SAL_SALEORDER" => ["FMaterialId.FNumber", "FQty", "FPrice", "FTaxPrice", "FEntryTaxRate", "FDeliveryDate", "FStockOutQty"],
        _ => [],
    };

    public static Dictionary<string, KingdeeFormOptions> Forms() => new(StringComparer.OrdinalIgnoreCase)
    {
        [Customer] = CustomerForm(),
        [SalesOrder] = SalesOrderForm(),
    };

    public static Dictionary<string, KingdeeOrderLinkOptions> OrderLinks() => new(StringComparer.OrdinalIgnoreCase)
    {
        // SAL_OUTSTOCK entries carry the order number in FSoorDerno; the waybill is FCarriageNO [QP SAL_OUTSTOCK_FIELDS.md].
        ["Shipment"] = new() { FormId = "SAL_OUTSTOCK", OrderNumberField = "FSoorDerno", FieldKeys = [], Property = "Shipment" },

        // The receivable's link to the order (FORDERNUMBER on its entry) is UNCONFIRMED: configurable.
        ["Receivable"] = new() { FormId = "AR_receivable", OrderNumberField = "FORDERNUMBER", FieldKeys = [], Property = "Receivable" },
    };

    public static IEnumerable<string> LinkFields(string formId) => formId.ToUpperInvariant() switch
    {
        "SAL_OUTSTOCK" => ["FCarriageNO", "FDate"],
        "AR_RECEIVABLE" => ["FALLAMOUNTFOR", "FDATE"],
        _ => [],
    };
}
