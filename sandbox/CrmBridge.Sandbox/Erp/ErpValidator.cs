using System.Text.Json;
using System.Text.Json.Nodes;
using static CrmBridge.Sandbox.Erp.ErpFieldRules;

namespace CrmBridge.Sandbox.Erp;

/// <summary>
/// Validates a record (after merging the request into the stored record) against docs/reference-erp.md. Unknown extra
/// fields are kept (custom fields need no code); documented fields must have the documented type and values.
/// </summary>
internal static class ErpValidator
{
    /// <summary>Validates a record.</summary>
    /// <param name="entity">The entity.</param>
    /// <param name="record">The merged record.</param>
    /// <param name="exists">Whether a record (entity, id) exists, for references.</param>
    /// <returns>The first error, or <see langword="null"/>.</returns>
    public static ErpError? Validate(string entity, JsonObject record, Func<string, string, bool> exists) => entity switch
    {
        ErpEntities.Customers => Customer(record),
        ErpEntities.SalesOrders => First(Order(record), Reference(record, "customerId", ErpEntities.Customers, "UNKNOWN_CUSTOMER", exists)),
        ErpEntities.Cases => First(Case(record), Reference(record, "customerId", ErpEntities.Customers, "UNKNOWN_CUSTOMER", exists),
            Reference(record, "orderId", ErpEntities.SalesOrders, "UNKNOWN_ORDER", exists)),
        _ => ErpError.NotFound($"Entity '{entity}'"),
    };

    private static ErpError? Customer(JsonObject r) => First(
        RequiredString(r, "name"),
        OptionalString(r, "accountNumber"),
        OptionalString(r, "email"),
        OptionalString(r, "phone"),
        OptionalString(r, "taxId"),
        Address(r),
        Pattern(r, "currency", IsCurrency, "an ISO-4217 code such as CNY"),
        Number(r, "creditLimit", min: 0),
        OneOf(r, "segment", "KEY", "STANDARD", "SMALL"),
        OneOf(r, "status", "ACTIVE", "BLOCKED"));

    private static ErpError? Order(JsonObject r) => First(
        RequiredString(r, "orderNumber"),
        RequiredString(r, "customerId"),
        Pattern(r, "orderDate", IsDate, "a date yyyy-MM-dd"),
        Pattern(r, "currency", IsCurrency, "an ISO-4217 code such as CNY"),
        OneOf(r, "status", "OPEN", "SHIPPED", "INVOICED", "CANCELLED"),
        Number(r, "total"),
        OptionalString(r, "trackingNumber"),
        OptionalString(r, "carrier"),
        OptionalString(r, "invoiceNumber"),
        Pattern(r, "shippedAt", IsTimestamp, "an ISO-8601 timestamp"),
        Pattern(r, "invoicedAt", IsTimestamp, "an ISO-8601 timestamp"),
        Lines(r));

    private static ErpError? Case(JsonObject r) => First(
        RequiredString(r, "subject"),
        OptionalString(r, "description"),
        OptionalString(r, "customerId"),
        OptionalString(r, "orderId"),
        OneOf(r, "priority", "HIGH", "NORMAL", "LOW"),
        OneOf(r, "status", "OPEN", "IN_PROGRESS", "RESOLVED", "CLOSED"),
        OptionalString(r, "resolution"),
        Pattern(r, "resolvedAt", IsTimestamp, "an ISO-8601 timestamp"));

    private static ErpError? Address(JsonObject r)
    {
        if (r["address"] is not { } node)
        {
            return null;
        }

        if (node is not JsonObject address)
        {
            return ErpError.Validation("address", "address must be an object.");
        }

        return First(
            OptionalString(address, "street", "address.street"),
            OptionalString(address, "city", "address.city"),
            OptionalString(address, "postalCode", "address.postalCode"),
            Pattern(address, "country", IsCountry, "an ISO-3166 alpha-2 code such as CN", "address.country"));
    }

    private static ErpError? Lines(JsonObject r)
    {
        if (r["lines"] is not { } node)
        {
            return null;
        }

        if (node is not JsonArray lines)
        {
            return ErpError.Validation("lines", "lines must be an array.");
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var path = $"lines[{i}]";
            if (lines[i] is not JsonObject line)
            {
                return ErpError.Validation(path, $"{path} must be an object.");
            }

            if (line["quantity"] is null)
            {
                return ErpError.Validation($"{path}.quantity", $"{path}.quantity is required.");
            }

            var error = First(
                Number(line, "quantity", min: 0, exclusiveMin: true, path: $"{path}.quantity"),
                Number(line, "lineNo", path: $"{path}.lineNo"),
                OptionalString(line, "sku", $"{path}.sku"),
                OptionalString(line, "description", $"{path}.description"),
                Number(line, "unitPrice", path: $"{path}.unitPrice"),
                Number(line, "discount", path: $"{path}.discount"),
                Number(line, "amount", path: $"{path}.amount"));
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static ErpError? Reference(JsonObject r, string field, string target, string code, Func<string, string, bool> exists) =>
        r[field] is { } node && node.GetValueKind() == JsonValueKind.String && !exists(target, node.GetValue<string>())
            ? new ErpError(400, code, $"{field} does not name an existing {target} record.", field)
            : null;
}
