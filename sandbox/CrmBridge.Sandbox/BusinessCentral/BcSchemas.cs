using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.BusinessCentral;

/// <summary>
/// The fields of each emulated entity with the values Business Central shows for "blank": every field is present,
/// empty text is <c>""</c>, an empty option is <c>" "</c> (customers' <c>blocked</c>), empty dates are <c>0001-01-01</c>,
/// empty ids the zero GUID, amounts plain JSON numbers. Fields marked read only are rejected on writes.
/// </summary>
internal static class BcSchemas
{
    public const string EmptyDate = "0001-01-01";
    public static readonly string EmptyId = Guid.Empty.ToString();

    public static readonly IReadOnlyDictionary<string, (JsonObject Defaults, HashSet<string> ReadOnly, Dictionary<string, int> MaxLength)> Entities =
        new Dictionary<string, (JsonObject, HashSet<string>, Dictionary<string, int>)>(StringComparer.Ordinal)
        {
            ["customers"] = (
                new JsonObject
                {
                    ["number"] = "", ["displayName"] = "", ["type"] = "Company", ["addressLine1"] = "", ["addressLine2"] = "", ["city"] = "", ["state"] = "",
                    ["country"] = "", ["postalCode"] = "", ["phoneNumber"] = "", ["email"] = "", ["website"] = "", ["salespersonCode"] = "", ["balanceDue"] = 0,
                    ["creditLimit"] = 0, ["taxLiable"] = false, ["taxAreaId"] = EmptyId, ["taxAreaDisplayName"] = "", ["taxRegistrationNumber"] = "",
                    ["currencyId"] = EmptyId, ["currencyCode"] = "", ["paymentTermsId"] = EmptyId, ["shipmentMethodId"] = EmptyId, ["paymentMethodId"] = EmptyId,
                    ["blocked"] = " ",
                },
                ["id", "balanceDue", "lastModifiedDateTime", "taxAreaDisplayName"],
                new() { ["number"] = 20, ["displayName"] = 100, ["addressLine1"] = 100, ["addressLine2"] = 50, ["city"] = 30, ["state"] = 30, ["country"] = 10, ["postalCode"] = 20, ["phoneNumber"] = 30, ["email"] = 80, ["website"] = 80, ["taxRegistrationNumber"] = 20, ["currencyCode"] = 10 }),
            ["salesOrders"] = (
                new JsonObject
                {
                    ["number"] = "", ["externalDocumentNumber"] = "", ["orderDate"] = EmptyDate, ["postingDate"] = EmptyDate, ["customerId"] = EmptyId, ["customerNumber"] = "",
                    ["customerName"] = "", ["billToName"] = "", ["billToCustomerId"] = EmptyId, ["billToCustomerNumber"] = "", ["shipToName"] = "", ["shipToContact"] = "",
                    ["sellToAddressLine1"] = "", ["sellToCity"] = "", ["sellToCountry"] = "", ["sellToPostCode"] = "", ["shipToAddressLine1"] = "", ["shipToCity"] = "",
                    ["shipToCountry"] = "", ["shipToPostCode"] = "", ["currencyId"] = EmptyId, ["currencyCode"] = "", ["pricesIncludeTax"] = false, ["paymentTermsId"] = EmptyId,
                    ["shipmentMethodId"] = EmptyId, ["salesperson"] = "", ["partialShipping"] = true, ["requestedDeliveryDate"] = EmptyDate, ["discountAmount"] = 0,
                    ["discountAppliedBeforeTax"] = false, ["totalAmountExcludingTax"] = 0, ["totalTaxAmount"] = 0, ["totalAmountIncludingTax"] = 0, ["fullyShipped"] = false,
                    ["status"] = "Draft", ["phoneNumber"] = "", ["email"] = "",
                },
                ["id", "number", "customerName", "totalAmountExcludingTax", "totalTaxAmount", "totalAmountIncludingTax", "fullyShipped", "status", "lastModifiedDateTime"],
                new() { ["externalDocumentNumber"] = 35, ["customerNumber"] = 20, ["shipToName"] = 100, ["shipToContact"] = 100, ["currencyCode"] = 10, ["email"] = 80, ["phoneNumber"] = 30 }),
            ["salesOrderLines"] = (
                new JsonObject
                {
                    ["documentId"] = EmptyId, ["sequence"] = 0, ["itemId"] = EmptyId, ["accountId"] = EmptyId, ["lineType"] = "Item", ["lineObjectNumber"] = "", ["description"] = "",
                    ["unitOfMeasureId"] = EmptyId, ["unitOfMeasureCode"] = "", ["quantity"] = 0, ["unitPrice"] = 0, ["discountAmount"] = 0, ["discountPercent"] = 0,
                    ["discountAppliedBeforeTax"] = false, ["amountExcludingTax"] = 0, ["taxCode"] = "", ["taxPercent"] = 0, ["totalTaxAmount"] = 0, ["amountIncludingTax"] = 0,
                    ["invoiceDiscountAllocation"] = 0, ["netAmount"] = 0, ["netTaxAmount"] = 0, ["netAmountIncludingTax"] = 0, ["shipmentDate"] = EmptyDate,
                    ["shippedQuantity"] = 0, ["invoicedQuantity"] = 0, ["invoiceQuantity"] = 0, ["shipQuantity"] = 0, ["itemVariantId"] = EmptyId, ["locationId"] = EmptyId,
                },
                ["id", "documentId", "amountExcludingTax", "totalTaxAmount", "amountIncludingTax", "netAmount", "netTaxAmount", "netAmountIncludingTax", "shippedQuantity", "invoicedQuantity"],
                new() { ["description"] = 100, ["lineObjectNumber"] = 20, ["unitOfMeasureCode"] = 10, ["taxCode"] = 20 }),
        };

    /// <summary>Items of the emulated company: number → (description, unit price, unit of measure).</summary>
    public static readonly IReadOnlyDictionary<string, (string Description, decimal Price, string Unit)> Items = new Dictionary<string, (string, decimal, string)>(StringComparer.Ordinal)
    {
        ["1896-S"] = ("ATHENS Desk", 1000.8m, "PCS"),
        ["1900-S"] = ("PARIS Guest Chair, black", 192.8m, "PCS"),
        ["1906-S"] = ("ATHENS Mobile Pedestal", 281.4m, "PCS"),
        ["1908-S"] = ("LONDON Swivel Chair, blue", 190.1m, "PCS"),
    };

    /// <summary>G/L accounts usable on lines of type Account.</summary>
    public static readonly IReadOnlySet<string> Accounts = new HashSet<string>(StringComparer.Ordinal) { "40100", "40200", "40300" };
}
