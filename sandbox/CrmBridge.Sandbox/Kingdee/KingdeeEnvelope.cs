using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Kingdee;

/// <summary>
/// The K3Cloud answer envelope (ERP-FACTS §1.3): <c>{"Result":{"ResponseStatus":{"ErrorCode","IsSuccess","Errors",
/// "SuccessEntitys","SuccessMessages","MsgCode"},"Id","Number","NeedReturnData"}}</c>.
/// </summary>
internal static class KingdeeEnvelope
{
    public static JsonObject Failure(int msgCode, params KingdeeSandboxError[] errors) =>
        Build(false, msgCode, errors.Select((e, _) => (e, (int?)null)), [], null);

    public static JsonObject Build(bool success, int msgCode, IEnumerable<(KingdeeSandboxError Error, int? DIndex)> errors, IEnumerable<JsonObject> successes, JsonObject? extra)
    {
        var errorArray = new JsonArray();
        foreach (var (error, index) in errors)
        {
            var item = new JsonObject { ["FieldName"] = error.FieldName, ["Message"] = error.Message };
            if (index is { } i)
            {
                item["DIndex"] = i;
            }

            errorArray.Add(item);
        }

        var result = new JsonObject
        {
            ["ResponseStatus"] = new JsonObject
            {
                ["ErrorCode"] = success ? 0 : 500,
                ["IsSuccess"] = success,
                ["Errors"] = errorArray,
                ["SuccessEntitys"] = new JsonArray(successes.Select(s => (JsonNode?)s).ToArray()),
                ["SuccessMessages"] = new JsonArray(),
                ["MsgCode"] = msgCode,
            },
        };
        foreach (var (key, value) in extra ?? [])
        {
            result[key] = value?.DeepClone();
        }

        return new JsonObject { ["Result"] = result };
    }

    public static JsonObject Entity(JsonNode? id, string? number, int index) => new() { ["Id"] = id?.DeepClone(), ["Number"] = number, ["DIndex"] = index };

    /// <summary>Query failures come wrapped in arrays, where rows would be.</summary>
    public static JsonArray QueryFailure(int msgCode, params KingdeeSandboxError[] errors) => [new JsonArray(Failure(msgCode, errors))];
}
