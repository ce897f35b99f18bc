using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Sandbox.Kingdee;

/// <summary>
/// <c>DynamicFormService</c> operations: Save, Draft, BatchSave, Submit, Audit, UnAudit, Delete, View, ExecuteBillQuery and
/// BillQuery, answered in K3Cloud's shapes (envelope with per-item <c>DIndex</c>; bare array-of-arrays query rows).
/// </summary>
internal sealed class KingdeeFormService(KingdeeBillStore store)
{
    public const int MaxLimit = 10_000;
    private const int DefaultLimit = 2000;

    public Task HandleAsync(HttpContext context, string operation, JsonObject body)
    {
        var (formId, data) = KingdeeSandboxHttp.FormAndData(body);
        var op = operation.ToUpperInvariant();
        var isQuery = op is "EXECUTEBILLQUERY" or "BILLQUERY";
        JsonNode Fail(int code, string message) => isQuery ? KingdeeEnvelope.QueryFailure(code, new KingdeeSandboxError(code, null, message)) : KingdeeEnvelope.Failure(code, new KingdeeSandboxError(code, null, message));
        if (data is null)
        {
            return KingdeeSandboxHttp.WriteAsync(context, Fail(8, "参数 data 格式不正确 (data is not a JSON object)"));
        }

        if (string.IsNullOrWhiteSpace(formId))
        {
            return KingdeeSandboxHttp.WriteAsync(context, Fail(5, "表单Id为空 (FormId is empty)"));
        }

        var form = store.Form(formId);
        if (form is null)
        {
            return KingdeeSandboxHttp.WriteAsync(context, Fail(4, $"业务对象 {formId} 不存在"));
        }

        JsonNode answer = op switch
        {
            "SAVE" or "DRAFT" => KingdeeSaveOperation.Save(store, form, data, op == "DRAFT"),
            "BATCHSAVE" => KingdeeSaveOperation.BatchSave(store, form, data),
            "SUBMIT" or "AUDIT" or "UNAUDIT" or "DELETE" => Operate(form, operation, data),
            "VIEW" => View(form, data),
            "EXECUTEBILLQUERY" or "BILLQUERY" => Query(form, data, op == "BILLQUERY"),
            _ => KingdeeEnvelope.Failure(4, new KingdeeSandboxError(4, null, $"操作 {operation} 不存在")),
        };
        return KingdeeSandboxHttp.WriteAsync(context, answer);
    }

    private JsonObject Operate(KingdeeSandboxForm form, string operation, JsonObject data)
    {
        var pks = KingdeeSandboxJson.Strings(KingdeeSandboxJson.Get(data, "Ids")).Select(s => long.TryParse(s, out var v) ? v : 0).ToList();
        foreach (var number in KingdeeSandboxJson.Strings(KingdeeSandboxJson.Get(data, "Numbers")))
        {
            pks.Add(store.FindByNumber(form.FormId, number) is { } bill ? KingdeeSandboxJson.Long(KingdeeSandboxJson.Get(bill, form.PkField)) : 0);
        }

        if (pks.Count == 0)
        {
            return KingdeeEnvelope.Failure(8, new KingdeeSandboxError(8, null, "Ids 与 Numbers 不能同时为空"));
        }

        var errors = new List<(KingdeeSandboxError, int?)>();
        var successes = new List<JsonObject>();
        for (var i = 0; i < pks.Count; i++)
        {
            var (bill, error) = store.Operate(form.FormId, operation, pks[i]);
            if (error is not null)
            {
                errors.Add((error, i));
            }
            else
            {
                successes.Add(KingdeeEnvelope.Entity(bill![form.PkField], KingdeeSandboxJson.Text(KingdeeSandboxJson.Get(bill, form.NumberField)), i));
            }
        }

        return KingdeeEnvelope.Build(errors.Count == 0, errors.Count == 0 ? 0 : errors[0].Item1.MsgCode, errors, successes, null);
    }

    private JsonObject View(KingdeeSandboxForm form, JsonObject data)
    {
        var number = KingdeeSandboxJson.Text(KingdeeSandboxJson.Get(data, "Number"));
        var id = KingdeeSandboxJson.Long(KingdeeSandboxJson.Get(data, "Id"));
        var bill = !string.IsNullOrEmpty(number) ? store.FindByNumber(form.FormId, number) : store.Find(form.FormId, id);
        return bill is null
            ? KingdeeEnvelope.Failure(10, new KingdeeSandboxError(10, null, "单据不存在"))
            : KingdeeEnvelope.Build(true, 0, [], [], new JsonObject { ["Result"] = bill.DeepClone() });
    }

    private JsonNode Query(KingdeeSandboxForm form, JsonObject data, bool named)
    {
        var keys = (KingdeeSandboxJson.Text(KingdeeSandboxJson.Get(data, "FieldKeys")) ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (keys.Length == 0)
        {
            return KingdeeEnvelope.QueryFailure(8, new KingdeeSandboxError(8, "FieldKeys", "FieldKeys 不能为空"));
        }

        var limit = (int)KingdeeSandboxJson.Long(KingdeeSandboxJson.Get(data, "Limit"));
        if (limit > MaxLimit)
        {
            return KingdeeEnvelope.QueryFailure(8, new KingdeeSandboxError(8, "Limit", $"Limit 不能超过 {MaxLimit}"));
        }

        List<JsonArray> rows;
        try
        {
            rows = KingdeeQueryEngine.Run(store, form, keys, KingdeeSandboxJson.Text(KingdeeSandboxJson.Get(data, "FilterString")),
                KingdeeSandboxJson.Text(KingdeeSandboxJson.Get(data, "OrderString")), (int)Math.Max(0, KingdeeSandboxJson.Long(KingdeeSandboxJson.Get(data, "StartRow"))),
                limit <= 0 ? DefaultLimit : limit, (int)KingdeeSandboxJson.Long(KingdeeSandboxJson.Get(data, "TopRowCount")));
        }
        catch (FormatException ex)
        {
            return KingdeeEnvelope.QueryFailure(4, new KingdeeSandboxError(4, null, "过滤条件错误: " + ex.Message));
        }

        if (!named)
        {
            return new JsonArray(rows.Select(r => (JsonNode?)r).ToArray());
        }

        return new JsonArray(rows.Select(r => (JsonNode?)new JsonObject(keys.Select((k, i) => KeyValuePair.Create(k, r[i]?.DeepClone())))).ToArray());
    }
}
