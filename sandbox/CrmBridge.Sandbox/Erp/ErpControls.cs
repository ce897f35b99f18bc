using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Erp;

/// <summary>
/// What the ERP's own users do, for demos and tests: ship and invoice orders, resolve cases. Each returns the change to
/// apply through <see cref="ErpStore.Update"/>; the write bumps the version and lands in the change feed like any other.
/// </summary>
internal static class ErpControls
{
    public static Func<JsonObject, ErpError?> Ship(string trackingNumber, string carrier, string now) => order =>
    {
        if (Status(order) == "CANCELLED")
        {
            return new ErpError(409, "INVALID_STATE", "A cancelled order cannot be shipped.", "status");
        }

        order["trackingNumber"] = trackingNumber;
        order["carrier"] = carrier;
        order["shippedAt"] = now;

        // An order invoiced before shipping (prepayment) stays INVOICED.
        if (Status(order) != "INVOICED")
        {
            order["status"] = "SHIPPED";
        }

        return null;
    };

    public static Func<JsonObject, ErpError?> Invoice(string invoiceNumber, string now) => order =>
    {
        if (Status(order) == "CANCELLED")
        {
            return new ErpError(409, "INVALID_STATE", "A cancelled order cannot be invoiced.", "status");
        }

        order["invoiceNumber"] = invoiceNumber;
        order["invoicedAt"] = now;
        order["status"] = "INVOICED";
        return null;
    };

    public static Func<JsonObject, ErpError?> Resolve(string resolution, string now) => @case =>
    {
        @case["resolution"] = resolution;
        @case["resolvedAt"] = now;
        @case["status"] = "RESOLVED";
        return null;
    };

    /// <summary>Derives a readable default number from a record id: <c>SO-000042</c> → <c>TRK000042</c>.</summary>
    public static string DefaultNumber(string prefix, string id) => prefix + id[(id.IndexOf('-', StringComparison.Ordinal) + 1)..];

    private static string? Status(JsonObject record) => record["status"]?.GetValue<string>();
}
