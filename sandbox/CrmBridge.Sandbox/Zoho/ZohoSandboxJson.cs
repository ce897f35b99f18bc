using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Sandbox.Zoho;

/// <summary>Zoho-shaped JSON responses.</summary>
internal static class ZohoSandboxJson
{
    public static Task ErrorAsync(HttpContext context, int status, string code, string message, JsonObject? details = null) =>
        WriteAsync(context, status, Error(code, message, details));

    public static JsonObject Error(string code, string message, JsonObject? details = null) => new()
    {
        ["code"] = code,
        ["details"] = details ?? new JsonObject(),
        ["message"] = message,
        ["status"] = "error",
    };

    public static async Task WriteAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json;charset=UTF-8";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    public static async Task<JsonObject?> ReadObjectAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
