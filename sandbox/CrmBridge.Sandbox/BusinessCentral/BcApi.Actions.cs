using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.BusinessCentral;

/// <summary>
/// What an ERP user does in Business Central: post the shipment of an order (a posted salesShipment, lines' shipped
/// quantity, the order released and marked fully shipped; the tracking number goes to the custom tracking page, since
/// the standard shipment has none) and post its invoice (a salesInvoice; an order fully shipped and invoiced is deleted,
/// as posting does).
/// </summary>
internal sealed partial class BcApi
{
    public string Ship(Guid company, Guid orderId, string? trackingNumber, string? agent, List<BcChange> changes)
    {
        var order = RowOf(company, "salesOrders", orderId.ToString());
        var lines = LinesOf(company, orderId).Where(l => Dec(l.Data["quantity"]) > Dec(l.Data["shippedQuantity"])).ToList();
        if (lines.Count == 0)
        {
            throw new BcApiException(400, "Application_DialogException", "There is nothing to post.");
        }

        var now = Now;
        var shipment = new BcRow(Guid.NewGuid(), new JsonObject
        {
            ["number"] = _store.Next("S-SHPT", 6, 102001), ["externalDocumentNumber"] = order.Data["externalDocumentNumber"]!.DeepClone(),
            ["invoiceDate"] = BcSchemas.EmptyDate, ["postingDate"] = BcClock.Date(now), ["shipmentDate"] = BcClock.Date(now), ["customerPurchaseOrderReference"] = "",
            ["customerId"] = order.Data["customerId"]!.DeepClone(), ["customerNumber"] = order.Data["customerNumber"]!.DeepClone(),
            ["customerName"] = order.Data["customerName"]!.DeepClone(), ["shipToName"] = order.Data["shipToName"]!.DeepClone(),
            ["shipToAddressLine1"] = order.Data["shipToAddressLine1"]!.DeepClone(), ["shipToCity"] = order.Data["shipToCity"]!.DeepClone(),
            ["shipToCountry"] = order.Data["shipToCountry"]!.DeepClone(), ["shipToPostCode"] = order.Data["shipToPostCode"]!.DeepClone(),
            ["currencyCode"] = order.Data["currencyCode"]!.DeepClone(), ["orderNumber"] = order.Data["number"]!.DeepClone(), ["shipmentMethodCode"] = "",
            ["lastModifiedDateTime"] = BcClock.Format(now),
        });
        _store.Table(company, "salesShipments")[shipment.Id] = shipment;
        foreach (var line in lines)
        {
            var quantity = Dec(line.Data["quantity"]) - Dec(line.Data["shippedQuantity"]);
            var shipped = new BcRow(Guid.NewGuid(), new JsonObject
            {
                ["documentId"] = shipment.Id.ToString(), ["documentNo"] = shipment.Data["number"]!.DeepClone(), ["sequence"] = line.Data["sequence"]!.DeepClone(),
                ["lineType"] = line.Data["lineType"]!.DeepClone(), ["lineObjectNumber"] = line.Data["lineObjectNumber"]!.DeepClone(),
                ["description"] = line.Data["description"]!.DeepClone(), ["unitOfMeasureCode"] = line.Data["unitOfMeasureCode"]!.DeepClone(),
                ["unitPrice"] = line.Data["unitPrice"]!.DeepClone(), ["quantity"] = quantity, ["discountPercent"] = line.Data["discountPercent"]!.DeepClone(),
                ["taxPercent"] = 0, ["shipmentDate"] = BcClock.Date(now),
            });
            _store.Table(company, "salesShipmentLines")[shipped.Id] = shipped;
            line.Data["shippedQuantity"] = Dec(line.Data["quantity"]);
            line.Data["shipmentDate"] = BcClock.Date(now);
            line.Touch(now);
        }

        if (trackingNumber is not null)
        {
            _store.Table(company, "shipmentTrackings")[Guid.NewGuid()] = new BcRow(Guid.NewGuid(), new JsonObject
            {
                ["shipmentNumber"] = shipment.Data["number"]!.DeepClone(), ["packageTrackingNo"] = trackingNumber, ["shippingAgentCode"] = agent ?? "",
            });
        }

        order.Data["status"] = "Open";
        order.Data["fullyShipped"] = LinesOf(company, orderId).All(l => Dec(l.Data["shippedQuantity"]) >= Dec(l.Data["quantity"]));
        order.Touch(now);
        changes.Add(new BcChange(company, "salesShipments", shipment.Id, "created", now));
        changes.Add(new BcChange(company, "salesOrders", orderId, "updated", now));
        return shipment.Data["number"]!.ToString();
    }

    public string Invoice(Guid company, Guid orderId, List<BcChange> changes)
    {
        var order = RowOf(company, "salesOrders", orderId.ToString());
        var all = LinesOf(company, orderId);
        var lines = all.Where(l => Dec(l.Data["shippedQuantity"]) > Dec(l.Data["invoicedQuantity"])).ToList();
        if (lines.Count == 0)
        {
            throw new BcApiException(400, "Application_DialogException", "There is nothing to post.");
        }

        var now = Now;
        var total = lines.Sum(l => Math.Round((Dec(l.Data["shippedQuantity"]) - Dec(l.Data["invoicedQuantity"])) * Dec(l.Data["unitPrice"]) * (1 - (Dec(l.Data["discountPercent"]) / 100)), 2));
        var invoice = new BcRow(Guid.NewGuid(), new JsonObject
        {
            ["number"] = _store.Next("S-INV", 6, 103001), ["externalDocumentNumber"] = order.Data["externalDocumentNumber"]!.DeepClone(),
            ["invoiceDate"] = BcClock.Date(now), ["postingDate"] = BcClock.Date(now), ["dueDate"] = BcClock.Date(now.AddDays(30)),
            ["customerPurchaseOrderReference"] = "", ["customerId"] = order.Data["customerId"]!.DeepClone(), ["customerNumber"] = order.Data["customerNumber"]!.DeepClone(),
            ["customerName"] = order.Data["customerName"]!.DeepClone(), ["orderId"] = orderId.ToString(), ["orderNumber"] = order.Data["number"]!.DeepClone(),
            ["currencyCode"] = order.Data["currencyCode"]!.DeepClone(), ["pricesIncludeTax"] = false, ["discountAmount"] = 0,
            ["totalAmountExcludingTax"] = total, ["totalTaxAmount"] = 0, ["totalAmountIncludingTax"] = total, ["remainingAmount"] = total,
            ["status"] = "Open", ["lastModifiedDateTime"] = BcClock.Format(now),
        });
        _store.Table(company, "salesInvoices")[invoice.Id] = invoice;
        foreach (var line in lines)
        {
            line.Data["invoicedQuantity"] = Dec(line.Data["shippedQuantity"]);
            line.Touch(now);
        }

        changes.Add(new BcChange(company, "salesInvoices", invoice.Id, "created", now));
        if (all.All(l => Dec(l.Data["invoicedQuantity"]) >= Dec(l.Data["quantity"])))
        {
            // Posting deletes an order that is fully shipped and invoiced.
            _store.Table(company, "salesOrders").Remove(orderId);
            foreach (var line in all)
            {
                _store.Table(company, "salesOrderLines").Remove(line.Id);
            }

            changes.Add(new BcChange(company, "salesOrders", orderId, "deleted", now));
        }
        else
        {
            order.Touch(now);
            changes.Add(new BcChange(company, "salesOrders", orderId, "updated", now));
        }

        return invoice.Data["number"]!.ToString();
    }

    /// <summary>Serves the custom tracking page (<c>shipmentTrackings</c>), read only.</summary>
    public BcResponse Tracking(BcRequest r)
    {
        try
        {
            var segments = Segments(r.Path);
            if (segments.Count != 2 || segments[0].Name != "companies" || segments[1].Name != "shipmentTrackings" || r.Method != "GET")
            {
                throw NotFound($"The request URI '{r.Path}' is not valid.");
            }

            var company = CompanyId(segments[0].Key);
            var filter = r.Option("$filter") is { Length: > 0 } f ? BcFilter.Parse(f) : null;
            var rows = _store.Table(company, "shipmentTrackings").Values.Where(t => filter?.Matches(t.Data) != false)
                .Select(t => (JsonNode)new JsonObject { ["@odata.etag"] = t.ETag, ["shipmentNumber"] = t.Data["shipmentNumber"]!.DeepClone(), ["packageTrackingNo"] = t.Data["packageTrackingNo"]!.DeepClone(), ["shippingAgentCode"] = t.Data["shippingAgentCode"]!.DeepClone() });
            return new BcResponse(200, new JsonObject { ["value"] = new JsonArray([.. rows]) });
        }
        catch (BcApiException error)
        {
            return BcResponse.Error(error);
        }
    }
}
