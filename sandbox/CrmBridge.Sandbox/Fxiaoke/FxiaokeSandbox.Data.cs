using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Sandbox.Fxiaoke;

/// <summary>The CRM data endpoints: query, get, create, update, invalid, delete.</summary>
public sealed partial class FxiaokeSandbox
{
    private Task<JsonObject> DataAsync(HttpContext context, JsonObject body, bool? custom)
    {
        var op = (string?)context.Request.RouteValues["op"] ?? string.Empty;
        var auth = Authenticate(body);
        if (auth != 0)
        {
            return Task.FromResult(Error(auth, auth == 20016 ? "corpAccessToken不存在或者已经过期" : "authentication failed"));
        }

        var limited = _limits.TakeCall(context.Request.Path.Value ?? string.Empty);
        if (limited != 0)
        {
            return Task.FromResult(Error(limited, limited switch
            {
                30002 => "当天访问频次超限（0点重新统计）",
                30003 => "客户没有购买openapi配额，需要提open api订单进行购买",
                _ => "接口调用超过限制",
            }));
        }

        if (body["data"] is not JsonObject data)
        {
            return Task.FromResult(Error(32000, "data: required"));
        }

        var apiName = (string?)(op is "create" or "update" ? data["object_data"]?["dataObjectApiName"] : data["dataObjectApiName"]);
        if (string.IsNullOrEmpty(apiName))
        {
            return Task.FromResult(Error(32000, "dataObjectApiName: required"));
        }

        if (apiName.EndsWith("__c", StringComparison.Ordinal) != custom)
        {
            return Task.FromResult(Error(32000, custom == true
                ? $"{apiName} is a standard object: use /cgi/crm/v2/data/{op}"
                : $"{apiName} is a custom object: use /cgi/crm/custom/v2/data/{op}"));
        }

        var user = (string)body["currentOpenUserId"]!;
        return Task.FromResult(op switch
        {
            "query" => Query(apiName, data),
            "get" => Get(apiName, (string?)data["objectDataId"] ?? (string?)data["object_data_id"]),
            "create" => Written(_store.Create(apiName, (JsonObject)data["object_data"]!, data["details"] as JsonObject, user,
                approvalFlow: body["triggerApprovalFlow"]?.GetValue<bool>() != false)),
            "update" => Written(_store.Update(apiName, (JsonObject)data["object_data"]!, data["details"] as JsonObject, user)),
            "invalid" => Written(_store.Invalid(apiName, (string?)data["object_data_id"] ?? (string?)data["objectDataId"] ?? string.Empty, user)),
            "delete" => Written(_store.Delete(apiName, (string?)data["idList"]?[0] ?? (string?)data["object_data_id"] ?? string.Empty, user)),
            _ => Error(10006, $"the request uri=[{context.Request.Path}], apiName=[null] is not exists"),
        });
    }

    private static JsonObject Written(FxiaokeOutcome outcome) =>
        outcome.Code == 0 ? new JsonObject { ["errorCode"] = 0, ["dataId"] = outcome.Id } : Error(outcome.Code, outcome.Message!);

    private JsonObject Get(string apiName, string? id)
    {
        var record = id is null ? null : _store.Get(apiName, id);
        return record is null ? Error(FxiaokeOutcome.NotFound, $"数据不存在或已作废 ({apiName} {id})") : new JsonObject { ["errorCode"] = 0, ["data"] = record };
    }

    private JsonObject Query(string apiName, JsonObject data)
    {
        var info = data["search_query_info"] as JsonObject ?? [];
        var limit = (int?)info["limit"]?.GetValue<double>() ?? 20;
        var offset = (int?)info["offset"]?.GetValue<double>() ?? 0;
        if (offset > _options.MaxOffset)
        {
            return Error(10013, $"offset out of range {_options.MaxOffset}");
        }

        if (limit is < 1 or > 100)
        {
            return Error(32000, "limit: must be between 1 and 100");
        }

        var filters = new List<FxiaokeFilter>();
        foreach (var f in (info["filters"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var op = (string?)f["operator"] ?? string.Empty;
            if (!FxiaokeFilter.Operators.Contains(op) || f["field_name"] is null)
            {
                return Error(32000, $"filters: unsupported operator '{op}'");
            }

            var values = (f["field_values"] as JsonArray)?.Select(v => v is JsonValue jv ? jv.ToString() : string.Empty).ToList() ?? [];
            filters.Add(new FxiaokeFilter((string)f["field_name"]!, op, values));
        }

        var orders = ((info["orders"] as JsonArray)?.OfType<JsonObject>() ?? [])
            .Select(o => ((string?)o["fieldName"] ?? "_id", o["isAsc"]?.GetValue<bool>() != false)).ToList();
        var rows = _store.Query(apiName, filters, orders, offset, limit);
        var total = info["find_explicit_total_num"]?.GetValue<bool>() == true
            ? _store.Query(apiName, filters, [], 0, int.MaxValue).Count
            : 0;
        return new JsonObject
        {
            ["errorCode"] = 0,
            ["data"] = new JsonObject
            {
                ["dataList"] = new JsonArray(rows.Cast<JsonNode?>().ToArray()),
                ["offset"] = offset,
                ["limit"] = limit,
                ["total"] = total,
            },
        };
    }
}
