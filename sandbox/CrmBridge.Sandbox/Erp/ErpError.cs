using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Erp;

/// <summary>An error the reference ERP answers with: <c>{"error":{"code","message","field"}}</c>.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Code">The ERP error code (<c>VALIDATION</c>, <c>UNKNOWN_CUSTOMER</c>, <c>INVALID_VALUE</c>, ...).</param>
/// <param name="Message">What was wrong; names fields, never echoes values.</param>
/// <param name="Field">The offending field (JSON path such as <c>lines[0].quantity</c>), when there is one.</param>
public sealed record ErpError(int Status, string Code, string Message, string? Field = null)
{
    /// <summary>Renders the documented error body.</summary>
    /// <returns>The <c>error</c> object.</returns>
    public JsonObject ToErrorObject()
    {
        var error = new JsonObject { ["code"] = Code, ["message"] = Message };
        if (Field is not null)
        {
            error["field"] = Field;
        }

        return error;
    }

    /// <summary>Renders the whole response body <c>{"error":{...}}</c>.</summary>
    /// <returns>The body.</returns>
    public JsonObject ToBody() => new() { ["error"] = ToErrorObject() };

    internal static ErpError Validation(string field, string message) => new(400, "VALIDATION", message, field);

    internal static ErpError InvalidValue(string field, string message) => new(400, "INVALID_VALUE", message, field);

    internal static ErpError NotFound(string what) => new(404, "NOT_FOUND", $"{what} not found.");
}
