using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Kingdee;

/// <summary>
/// The checks the emulated tenant's Save runs (a subset of K3Cloud's own): required names, base-data references that must
/// exist and be audited, at least one order line with a known material and a positive quantity. Messages are Chinese as
/// the server's are (lcid 2052), with the field key.
/// </summary>
internal static class KingdeeSandboxRules
{
    public static List<KingdeeSandboxError> Check(KingdeeBillStore store, KingdeeSandboxForm form, JsonObject bill, bool requireKnownMaterials, string caseFormId)
    {
        var errors = new List<KingdeeSandboxError>();
        switch (form.FormId.ToUpperInvariant())
        {
            case "BD_CUSTOMER":
                Required(bill, "FName", "客户名称", errors);
                break;
            case "BD_MATERIAL":
                Required(bill, "FName", "物料名称", errors);
                break;
            case "SAL_SALEORDER":
                BaseData(store, bill, "FCustId", "BD_Customer", "客户", errors);
                var lines = KingdeeSandboxJson.Get(bill, "FSaleOrderEntry") as JsonArray;
                if (lines is null || lines.Count == 0)
                {
                    errors.Add(new(11, "FSaleOrderEntry", "单据体“订单明细”至少需要一行分录 (FSaleOrderEntry)"));
                }

                foreach (var line in lines?.OfType<JsonObject>() ?? [])
                {
                    if (requireKnownMaterials)
                    {
                        BaseData(store, line, "FMaterialId", "BD_MATERIAL", "物料编码", errors);
                    }

                    if (KingdeeSandboxJson.Decimal(KingdeeSandboxJson.Get(line, "FQty")) is not > 0)
                    {
                        errors.Add(new(11, "FQty", "销售数量 (FQty) 必须大于0"));
                    }
                }

                break;
            default:
                if (string.Equals(form.FormId, caseFormId, StringComparison.OrdinalIgnoreCase))
                {
                    Required(bill, "F_PAEZ_Subject", "主题", errors);
                }

                break;
        }

        return errors;
    }

    private static void Required(JsonObject bill, string field, string label, List<KingdeeSandboxError> errors)
    {
        if (string.IsNullOrWhiteSpace(KingdeeSandboxJson.Text(KingdeeSandboxJson.Get(bill, field))))
        {
            errors.Add(new(11, field, $"字段“{label}”是必填项 ({field})"));
        }
    }

    private static void BaseData(KingdeeBillStore store, JsonObject holder, string field, string formId, string label, List<KingdeeSandboxError> errors)
    {
        var number = KingdeeSandboxJson.Reference(KingdeeSandboxJson.Get(holder, field));
        if (string.IsNullOrWhiteSpace(number))
        {
            errors.Add(new(11, field, $"字段“{label}”是必填项 ({field})"));
            return;
        }

        var found = store.FindByNumber(formId, number);
        if (found is null)
        {
            errors.Add(new(11, field, $"字段“{label}”的值 {number} 在基础资料中不存在 ({field})"));
        }
        else if (!string.Equals(KingdeeSandboxJson.Text(KingdeeSandboxJson.Get(found, "FDocumentStatus")), "C", StringComparison.Ordinal))
        {
            errors.Add(new(11, field, $"基础资料“{label}” {number} 未审核，不能引用 ({field})"));
        }
    }
}
