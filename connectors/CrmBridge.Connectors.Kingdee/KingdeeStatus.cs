using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Kingdee;

/// <summary>
/// The <c>Result.ResponseStatus</c> of an operation answer (ERP-FACTS §1.3):
/// <c>{"ErrorCode":500,"IsSuccess":false,"Errors":[…],"SuccessEntitys":[…],"SuccessMessages":[],"MsgCode":11}</c>.
/// </summary>
internal sealed record KingdeeStatus(bool IsSuccess, int MsgCode, int? ErrorCode, IReadOnlyList<KingdeeItemError> Errors, IReadOnlyList<KingdeeSuccessEntity> SuccessEntitys, JsonObject? Result)
{
    /// <summary>Finds the status in an answer: <c>{"Result":{"ResponseStatus":…}}</c>, bare or wrapped in arrays (query errors).</summary>
    /// <returns>The status, or <see langword="null"/> when the answer carries none.</returns>
    public static KingdeeStatus? Find(JsonNode? answer)
    {
        while (answer is JsonArray { Count: > 0 } array)
        {
            answer = array[0];
        }

        if (answer is not JsonObject root || KingdeeJson.Get(root, "Result") is not JsonObject result
            || KingdeeJson.Get(result, "ResponseStatus") is not JsonObject status)
        {
            return null;
        }

        var errors = (KingdeeJson.Get(status, "Errors") as JsonArray ?? []).OfType<JsonObject>()
            .Select(e => new KingdeeItemError(KingdeeJson.Text(KingdeeJson.Get(e, "FieldName")), KingdeeJson.Text(KingdeeJson.Get(e, "Message")) ?? "no message", (int?)KingdeeJson.Long(KingdeeJson.Get(e, "DIndex"))))
            .ToList();
        var successes = (KingdeeJson.Get(status, "SuccessEntitys") as JsonArray ?? []).OfType<JsonObject>()
            .Select((e, i) => new KingdeeSuccessEntity(KingdeeJson.Text(KingdeeJson.Get(e, "Id")), KingdeeJson.Text(KingdeeJson.Get(e, "Number")), (int)(KingdeeJson.Long(KingdeeJson.Get(e, "DIndex")) ?? i)))
            .ToList();
        return new KingdeeStatus(
            KingdeeJson.Bool(KingdeeJson.Get(status, "IsSuccess")) ?? false,
            (int)(KingdeeJson.Long(KingdeeJson.Get(status, "MsgCode")) ?? 0),
            (int?)KingdeeJson.Long(KingdeeJson.Get(status, "ErrorCode")),
            errors,
            successes,
            result);
    }
}
