namespace CrmBridge.Sandbox.Kingdee;

/// <summary>How the emulator keeps one form: keys, number prefix, entry entity and the checks its Save runs.</summary>
internal sealed record KingdeeSandboxForm(string FormId, string PkField, string NumberField, string NumberPrefix, string? EntryKey, bool HasLifecycle)
{
    public static IReadOnlyList<KingdeeSandboxForm> Standard(string caseFormId) =>
    [
        new("BD_Customer", "FCUSTID", "FNumber", "CUST", null, true),
        new("BD_MATERIAL", "FMATERIALID", "FNumber", "MAT", null, true),
        new("SAL_SaleOrder", "FID", "FBillNo", "XSDD", "FSaleOrderEntry", true),
        new("SAL_OUTSTOCK", "FID", "FBillNo", "XSCKD", "FEntity", true),
        new("AR_receivable", "FID", "FBillNo", "AR", "FEntityDetail", true),
        new(caseFormId, "FID", "FBillNo", "CASE", null, true),
    ];
}
