using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Kingdee;

/// <summary>Save / Draft (one <c>Model</c>) and BatchSave (<c>Model[]</c>, each item on its own, results by <c>DIndex</c>).</summary>
internal static class KingdeeSaveOperation
{
    public static JsonObject Save(KingdeeBillStore store, KingdeeSandboxForm form, JsonObject data, bool draft)
    {
        if (KingdeeSandboxJson.Get(data, "Model") is not JsonObject model)
        {
            return KingdeeEnvelope.Failure(8, new KingdeeSandboxError(8, "Model", "Model 不能为空且必须是对象"));
        }

        var (bill, errors) = store.Save(form.FormId, Request(data, model, draft));
        if (errors.Count > 0)
        {
            return KingdeeEnvelope.Build(false, errors[0].MsgCode, errors.Select(e => (e, (int?)0)), [], null);
        }

        var number = KingdeeSandboxJson.Text(KingdeeSandboxJson.Get(bill, form.NumberField));
        return KingdeeEnvelope.Build(true, 0, [], [KingdeeEnvelope.Entity(bill![form.PkField], number, 0)], new JsonObject
        {
            ["Id"] = bill[form.PkField]?.DeepClone(),
            ["Number"] = number,
            ["NeedReturnData"] = new JsonArray(ReturnData(data, bill)),
        });
    }

    public static JsonObject BatchSave(KingdeeBillStore store, KingdeeSandboxForm form, JsonObject data)
    {
        if (KingdeeSandboxJson.Get(data, "Model") is not JsonArray models || models.Count == 0)
        {
            return KingdeeEnvelope.Failure(8, new KingdeeSandboxError(8, "Model", "BatchSave 的 Model 必须是非空数组"));
        }

        var errors = new List<(KingdeeSandboxError, int?)>();
        var successes = new List<JsonObject>();
        var returned = new JsonArray();
        for (var i = 0; i < models.Count; i++)
        {
            if (models[i] is not JsonObject model)
            {
                errors.Add((new KingdeeSandboxError(8, "Model", "Model 项必须是对象"), i));
                continue;
            }

            var (bill, itemErrors) = store.Save(form.FormId, Request(data, model, draft: false));
            if (itemErrors.Count > 0)
            {
                errors.AddRange(itemErrors.Select(e => (e, (int?)i)));
                continue;
            }

            successes.Add(KingdeeEnvelope.Entity(bill![form.PkField], KingdeeSandboxJson.Text(KingdeeSandboxJson.Get(bill, form.NumberField)), i));
            returned.Add(ReturnData(data, bill));
        }

        return KingdeeEnvelope.Build(errors.Count == 0, errors.Count == 0 ? 0 : errors[0].Item1.MsgCode, errors, successes, new JsonObject { ["NeedReturnData"] = returned });
    }

    private static KingdeeSaveRequest Request(JsonObject data, JsonObject model, bool draft) => new(
        model,
        KingdeeSandboxJson.Strings(KingdeeSandboxJson.Get(data, "NeedUpDateFields")).ToHashSet(StringComparer.OrdinalIgnoreCase),
        KingdeeSandboxJson.Bool(KingdeeSandboxJson.Get(data, "IsDeleteEntry"), true),
        KingdeeSandboxJson.Bool(KingdeeSandboxJson.Get(data, "IsAutoSubmitAndAudit"), false),
        draft);

    private static JsonObject ReturnData(JsonObject data, JsonObject bill)
    {
        var result = new JsonObject();
        foreach (var field in KingdeeSandboxJson.Strings(KingdeeSandboxJson.Get(data, "NeedReturnFields")))
        {
            result[field] = KingdeeSandboxJson.Get(bill, field)?.DeepClone();
        }

        return result;
    }
}
