using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Sandbox.Erp;

/// <summary>Reading and writing the ERP's JSON over HTTP (handlers are plain request delegates: no reflection binding).</summary>
internal static class ErpHttp
{
    public static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    public static Task WriteErrorAsync(HttpContext context, ErpError error) => WriteJsonAsync(context, error.Status, error.ToBody());

    public static Task WriteOutcomeAsync(HttpContext context, ErpWriteOutcome outcome) =>
        outcome.Error is { } error ? WriteErrorAsync(context, error) : WriteJsonAsync(context, outcome.Status, outcome.Record!);

    /// <summary>Reads the body as a JSON object, or explains why it is not one.</summary>
    public static async Task<(JsonObject? Body, ErpError? Error)> ReadObjectAsync(HttpContext context, bool allowEmpty = false)
    {
        JsonNode? node;
        try
        {
            using var reader = new StreamReader(context.Request.Body);
            var text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(text))
            {
                return allowEmpty ? (new JsonObject(), null) : (null, ErpError.Validation("body", "A JSON object body is required."));
            }

            node = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return (null, ErpError.Validation("body", "The body is not valid JSON."));
        }

        return node is JsonObject body ? (body, null) : (null, ErpError.Validation("body", "The body must be a JSON object."));
    }

    /// <summary>Gets a route value; Kestrel leaves <c>%2F</c> encoded in paths, so decode it here.</summary>
    public static string Route(HttpContext context, string name) =>
        (context.Request.RouteValues[name] as string ?? string.Empty).Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads an optional non-negative integer query value.</summary>
    public static bool TryQueryLong(HttpContext context, string name, long fallback, out long value)
    {
        var text = context.Request.Query[name].ToString();
        if (string.IsNullOrEmpty(text))
        {
            value = fallback;
            return true;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Gets a string property of a JSON object, or <see langword="null"/> when absent or not a string.</summary>
    public static string? String(JsonObject body, string name) =>
        body[name] is { } node && node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;
}
