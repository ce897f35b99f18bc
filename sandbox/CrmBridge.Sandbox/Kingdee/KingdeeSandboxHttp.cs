using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Sandbox.Kingdee;

/// <summary>Reading K3Cloud requests (whose <c>data</c> may be an object or a JSON string) and writing answers.</summary>
internal static class KingdeeSandboxHttp
{
    public static async Task WriteAsync(HttpContext context, JsonNode body)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    public static async Task<JsonObject?> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Gets <c>(formid, data)</c> from <c>{"formid","data"}</c>, <c>{"data":{"FormId"}}</c> or <c>{"parameters":[formid, data]}</c>; data may be a JSON string.</summary>
    public static (string? FormId, JsonObject? Data) FormAndData(JsonObject body)
    {
        JsonNode? data = KingdeeSandboxJson.Get(body, "data");
        var formId = KingdeeSandboxJson.Text(KingdeeSandboxJson.Get(body, "formid"));
        if (data is null && KingdeeSandboxJson.Get(body, "parameters") is JsonArray { Count: >= 1 } parameters)
        {
            formId ??= parameters.Count > 1 ? KingdeeSandboxJson.Text(parameters[0]) : null;
            data = parameters[^1];
        }

        if (data is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            try
            {
                data = JsonNode.Parse(value.GetValue<string>());
            }
            catch (JsonException)
            {
                data = null;
            }
        }

        var obj = data as JsonObject;
        formId ??= KingdeeSandboxJson.Text(KingdeeSandboxJson.Get(obj, "FormId"));
        return (formId, obj);
    }

    /// <summary>Reads the session id from the <c>kdservice-sessionid</c> header or cookie.</summary>
    public static string? SessionId(HttpContext context) =>
        context.Request.Headers["kdservice-sessionid"].FirstOrDefault() is { Length: > 0 } header ? header
        : context.Request.Cookies["kdservice-sessionid"];
}
