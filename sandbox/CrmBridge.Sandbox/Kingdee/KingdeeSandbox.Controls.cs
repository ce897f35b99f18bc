using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Kingdee;

/// <summary>What the ERP's own users do, for demos and tests, and read-only views of the tenant.</summary>
public sealed partial class KingdeeSandbox
{
    /// <summary>Adds an audited material (<c>BD_MATERIAL</c>) that order lines may reference by number.</summary>
    /// <param name="number">The material number (<c>FNumber</c>).</param>
    /// <param name="name">The name.</param>
    /// <returns>The material.</returns>
    public JsonObject SeedMaterial(string number, string name) =>
        _store.FindByNumber("BD_MATERIAL", number) ?? _store.Insert("BD_MATERIAL", new JsonObject { ["FNumber"] = number, ["FName"] = name }, "C");

    /// <summary>Submits (when needed) and audits a bill, as a K3Cloud user would.</summary>
    /// <param name="formId">The form id.</param>
    /// <param name="number">The bill or record number.</param>
    /// <exception cref="InvalidOperationException">No such bill, or it cannot be audited in its state.</exception>
    public void AuditBill(string formId, string number)
    {
        var pk = Pk(formId, number);
        var status = KingdeeSandboxJson.Text(KingdeeSandboxJson.Get(_store.Find(formId, pk), "FDocumentStatus"));
        if (status is "Z" or "A" or "D")
        {
            Check(_store.Operate(formId, "Submit", pk).Error);
        }

        if (status != "C")
        {
            Check(_store.Operate(formId, "Audit", pk).Error);
        }
    }

    /// <summary>
    /// Pushes an audited sales order to an audited outbound delivery (<c>SAL_OUTSTOCK</c>) with a waybill: entries carry
    /// <c>FSoorDerno</c> (the order number) and <c>FSOEntryId</c>; the order's lines get <c>FStockOutQty</c> written back.
    /// </summary>
    /// <param name="orderNumber">The order's <c>FBillNo</c>.</param>
    /// <param name="waybill">The waybill (<c>FCarriageNO</c>); default derived from the order number.</param>
    /// <returns>The delivery's <c>FBillNo</c>.</returns>
    /// <exception cref="InvalidOperationException">No such order, or it is not audited.</exception>
    public string ShipOrder(string orderNumber, string? waybill = null)
    {
        var order = AuditedOrder(orderNumber);
        var lines = (KingdeeSandboxJson.Get(order, "FSaleOrderEntry") as JsonArray ?? []).OfType<JsonObject>().ToList();
        var delivery = new JsonObject
        {
            ["FDate"] = _store.Now(),
            ["FCustomerID"] = KingdeeSandboxJson.Get(order, "FCustId")?.DeepClone(),
            ["FSaleOrgId"] = KingdeeSandboxJson.Get(order, "FSaleOrgId")?.DeepClone(),
            ["FCarriageNO"] = waybill ?? "SF" + Digits(orderNumber).PadLeft(10, '0'),
            ["FEntity"] = new JsonArray(lines.Select(l => (JsonNode?)new JsonObject
            {
                ["FMaterialID"] = KingdeeSandboxJson.Get(l, "FMaterialId")?.DeepClone(),
                ["FRealQty"] = KingdeeSandboxJson.Get(l, "FQty")?.DeepClone(),
                ["FMustQty"] = KingdeeSandboxJson.Get(l, "FQty")?.DeepClone(),
                ["FSoorDerno"] = orderNumber,
                ["FSOEntryId"] = KingdeeSandboxJson.Get(l, "FEntryID")?.DeepClone(),
                ["FSrcBillNo"] = orderNumber,
                ["FSrcType"] = "SAL_SaleOrder",
            }).ToArray()),
        };
        var saved = _store.Insert("SAL_OUTSTOCK", delivery, "C");
        WriteBack(orderNumber, line => line["FStockOutQty"] = KingdeeSandboxJson.Get(line, "FQty")?.DeepClone());
        return KingdeeSandboxJson.Text(saved["FBillNo"])!;
    }

    /// <summary>Creates an audited receivable (<c>AR_receivable</c>) for an audited order; its entries carry <c>FORDERNUMBER</c>.</summary>
    /// <param name="orderNumber">The order's <c>FBillNo</c>.</param>
    /// <returns>The receivable's <c>FBillNo</c>.</returns>
    public string CreateReceivable(string orderNumber)
    {
        var order = AuditedOrder(orderNumber);
        var lines = (KingdeeSandboxJson.Get(order, "FSaleOrderEntry") as JsonArray ?? []).OfType<JsonObject>().ToList();
        var amount = lines.Sum(l => (KingdeeSandboxJson.Decimal(KingdeeSandboxJson.Get(l, "FQty")) ?? 0) * (KingdeeSandboxJson.Decimal(KingdeeSandboxJson.Get(l, "FTaxPrice") ?? KingdeeSandboxJson.Get(l, "FPrice")) ?? 0));
        var receivable = new JsonObject
        {
            ["FDATE"] = _store.Now(),
            ["FCUSTOMERID"] = KingdeeSandboxJson.Get(order, "FCustId")?.DeepClone(),
            ["FALLAMOUNTFOR"] = amount,
            ["FEntityDetail"] = new JsonArray(lines.Select(l => (JsonNode?)new JsonObject
            {
                ["FMATERIALID"] = KingdeeSandboxJson.Get(l, "FMaterialId")?.DeepClone(),
                ["FPriceQty"] = KingdeeSandboxJson.Get(l, "FQty")?.DeepClone(),
                ["FORDERNUMBER"] = orderNumber,
            }).ToArray()),
        };
        var saved = _store.Insert("AR_receivable", receivable, "C");
        WriteBack(orderNumber, _ => { });
        return KingdeeSandboxJson.Text(saved["FBillNo"])!;
    }

    /// <summary>Closes an order (<c>FCloseStatus</c> B, <c>FCloseDate</c>); its <c>FModifyDate</c> moves.</summary>
    /// <param name="orderNumber">The order's <c>FBillNo</c>.</param>
    public void CloseOrder(string orderNumber)
    {
        var pk = Pk("SAL_SaleOrder", orderNumber);
        _store.Locked(() =>
        {
            var live = _store.Live("SAL_SaleOrder", pk);
            live["FCloseStatus"] = "B";
            live["FCloseDate"] = _store.Now();
            live["FModifyDate"] = _store.Now();
            return 0;
        });
    }

    /// <summary>Counts the records of a form.</summary>
    /// <param name="formId">The form id.</param>
    /// <returns>The count.</returns>
    public int Count(string formId) => _store.Count(formId);

    /// <summary>Lists copies of a form's records in primary-key order.</summary>
    /// <param name="formId">The form id.</param>
    /// <returns>The records as stored (fields as saved, plus pk, number, status and times).</returns>
    public IReadOnlyList<JsonObject> ListBills(string formId) => _store.All(formId);

    /// <summary>Gets a copy of a record by number.</summary>
    /// <param name="formId">The form id.</param>
    /// <param name="number">The number.</param>
    /// <returns>The record, or <see langword="null"/>.</returns>
    public JsonObject? GetBill(string formId, string number) => _store.FindByNumber(formId, number)?.DeepClone() as JsonObject;

    private JsonObject AuditedOrder(string orderNumber)
    {
        var order = _store.FindByNumber("SAL_SaleOrder", orderNumber) ?? throw new InvalidOperationException($"Sales order {orderNumber} does not exist.");
        return KingdeeSandboxJson.Text(KingdeeSandboxJson.Get(order, "FDocumentStatus")) == "C"
            ? (JsonObject)order.DeepClone()
            : throw new InvalidOperationException($"Sales order {orderNumber} must be audited before it is pushed (K3Cloud refuses Push on unaudited bills).");
    }

    private void WriteBack(string orderNumber, Action<JsonObject> line)
    {
        var pk = Pk("SAL_SaleOrder", orderNumber);
        _store.Locked(() =>
        {
            var live = _store.Live("SAL_SaleOrder", pk);
            foreach (var entry in (KingdeeSandboxJson.Get(live, "FSaleOrderEntry") as JsonArray ?? []).OfType<JsonObject>())
            {
                line(entry);
            }

            if (_options.WriteBackBumpsOrder)
            {
                live["FModifyDate"] = _store.Now();
            }

            return 0;
        });
    }

    private long Pk(string formId, string number)
    {
        var form = _store.Form(formId) ?? throw new InvalidOperationException($"Unknown form {formId}.");
        var bill = _store.FindByNumber(formId, number) ?? throw new InvalidOperationException($"{formId} {number} does not exist.");
        return KingdeeSandboxJson.Long(KingdeeSandboxJson.Get(bill, form.PkField));
    }

    private static void Check(KingdeeSandboxError? error)
    {
        if (error is not null)
        {
            throw new InvalidOperationException($"MsgCode {error.MsgCode.ToString(CultureInfo.InvariantCulture)}: {error.Message}");
        }
    }

    private static string Digits(string text) => new(text.Where(char.IsDigit).ToArray());
}
