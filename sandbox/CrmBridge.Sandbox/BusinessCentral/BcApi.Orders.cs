using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.BusinessCentral;

/// <summary>Sales orders: the customer reference, deep insert of lines, the lines endpoint (line changes notify the header).</summary>
internal sealed partial class BcApi
{
    private BcRow CreateOrder(Guid company, JsonObject body, List<BcChange> changes)
    {
        Validate("salesOrders", body, "salesOrderLines");
        var row = NewRow("salesOrders", body);
        row.Data["number"] = _store.Next("S-ORD", 6, 101001);
        if (row.Data["orderDate"]!.ToString() == BcSchemas.EmptyDate)
        {
            row.Data["orderDate"] = BcClock.Date(Now);
        }

        row.Data["postingDate"] = row.Data["orderDate"]!.DeepClone();
        ApplyCustomer(company, row, body);
        _store.Table(company, "salesOrders")[row.Id] = row;
        foreach (var line in (body["salesOrderLines"] as JsonArray ?? []).OfType<JsonObject>())
        {
            AddLine(company, row, line);
        }

        return row;
    }

    /// <summary>Resolves customerId / customerNumber (whichever the body set) and copies the customer's name and address.</summary>
    private void ApplyCustomer(Guid company, BcRow order, JsonObject body)
    {
        if (!body.ContainsKey("customerId") && !body.ContainsKey("customerNumber") && order.Data["customerNumber"]!.ToString().Length > 0)
        {
            return;
        }

        var customers = _store.Table(company, "customers").Values;
        var byId = body["customerId"]?.ToString();
        var byNumber = body["customerNumber"]?.ToString();
        var customer = byId is not null && byId != BcSchemas.EmptyId
            ? customers.FirstOrDefault(c => c.Id.ToString() == byId)
            : customers.FirstOrDefault(c => string.Equals(c.Data["number"]!.ToString(), byNumber, StringComparison.OrdinalIgnoreCase));
        if (customer is null)
        {
            throw new BcApiException(400, "Application_FieldValidationException", byId is null && string.IsNullOrEmpty(byNumber)
                ? "Sell-to Customer No. must have a value in Sales Header: Document Type=Order."
                : $"The field Sell-to Customer No. of table Sales Header contains a value ({byNumber ?? byId}) that cannot be found in the related table (Customer).");
        }

        var d = order.Data;
        d["customerId"] = customer.Id.ToString();
        d["customerNumber"] = customer.Data["number"]!.DeepClone();
        d["customerName"] = customer.Data["displayName"]!.DeepClone();
        d["billToCustomerId"] = customer.Id.ToString();
        d["billToCustomerNumber"] = customer.Data["number"]!.DeepClone();
        d["billToName"] = customer.Data["displayName"]!.DeepClone();
        d["sellToAddressLine1"] = customer.Data["addressLine1"]!.DeepClone();
        d["sellToCity"] = customer.Data["city"]!.DeepClone();
        d["sellToCountry"] = customer.Data["country"]!.DeepClone();
        d["sellToPostCode"] = customer.Data["postalCode"]!.DeepClone();
        if (d["shipToName"]!.ToString().Length == 0)
        {
            d["shipToName"] = customer.Data["displayName"]!.DeepClone();
        }
    }

    private BcResponse Lines(Guid company, BcRow order, string? lineKey, BcRequest r, List<BcChange> changes)
    {
        var orderId = order.Id.ToString();
        if (lineKey is null)
        {
            switch (r.Method)
            {
                case "GET":
                    return Query(company, "salesOrderLines", r, l => l.Data["documentId"]?.ToString() == orderId);
                case "POST":
                    var created = AddLine(company, order, r.Body ?? throw new BcApiException(400, "BadRequest_InvalidRequestBody", "The request body is empty."));
                    changes.Add(new BcChange(company, "salesOrders", order.Id, "updated", Now));
                    return Single(company, "salesOrderLines", created, null, 201);
                default:
                    throw MethodNotAllowed(r.Method);
            }
        }

        var line = RowOf(company, "salesOrderLines", lineKey);
        if (line.Data["documentId"]?.ToString() != orderId)
        {
            throw new BcApiException(404, "Internal_RecordNotFound", $"The Sales Line does not exist. Identification fields and values: Id='{lineKey}'");
        }

        switch (r.Method)
        {
            case "GET":
                return Single(company, "salesOrderLines", line, null);
            case "DELETE":
                CheckETag(line, r.Header("If-Match"), required: false);
                _store.Table(company, "salesOrderLines").Remove(line.Id);
                changes.Add(new BcChange(company, "salesOrders", order.Id, "updated", Now));
                return new BcResponse(204, null);
            case "PATCH":
                CheckETag(line, r.Header("If-Match"), required: true);
                var body = r.Body ?? throw new BcApiException(400, "BadRequest_InvalidRequestBody", "The request body is empty.");
                Validate("salesOrderLines", body);
                var merged = (JsonObject)line.Data.DeepClone();
                foreach (var (name, value) in body)
                {
                    merged[name] = value?.DeepClone();
                }

                CheckLine(merged);
                foreach (var (name, value) in merged.ToList())
                {
                    line.Data[name] = value?.DeepClone();
                }

                line.Touch(Now);
                changes.Add(new BcChange(company, "salesOrders", order.Id, "updated", Now));
                return Single(company, "salesOrderLines", line, null);
            default:
                throw MethodNotAllowed(r.Method);
        }
    }

    private BcRow AddLine(Guid company, BcRow order, JsonObject body)
    {
        Validate("salesOrderLines", body);
        var line = NewRow("salesOrderLines", body);
        line.Data["documentId"] = order.Id.ToString();
        if (Dec(line.Data["sequence"]) == 0)
        {
            line.Data["sequence"] = (LinesOf(company, order.Id).Select(l => (int)Dec(l.Data["sequence"])).DefaultIfEmpty(0).Max() / 10000 * 10000) + 10000;
        }

        var price = body.ContainsKey("unitPrice");
        CheckLine(line.Data);
        if (!price && line.Data["lineType"]!.ToString() == "Item")
        {
            line.Data["unitPrice"] = BcSchemas.Items[line.Data["lineObjectNumber"]!.ToString()].Price;
        }

        _store.Table(company, "salesOrderLines")[line.Id] = line;
        return line;
    }

    /// <summary>Checks a line's type and object (an existing item or G/L account) and fills the item's id, description and unit.</summary>
    private static void CheckLine(JsonObject line)
    {
        var type = line["lineType"]!.ToString();
        var number = line["lineObjectNumber"]!.ToString();
        switch (type)
        {
            case "Item":
                if (!BcSchemas.Items.TryGetValue(number, out var item))
                {
                    throw new BcApiException(400, "Application_FieldValidationException", $"The field No. of table Sales Line contains a value ({number}) that cannot be found in the related table (Item).");
                }

                line["itemId"] = DeterministicId("item:" + number).ToString();
                line["unitOfMeasureCode"] = item.Unit;
                if (line["description"]!.ToString().Length == 0)
                {
                    line["description"] = item.Description;
                }

                break;
            case "Account":
                if (!BcSchemas.Accounts.Contains(number))
                {
                    throw new BcApiException(400, "Application_FieldValidationException", $"The field No. of table Sales Line contains a value ({number}) that cannot be found in the related table (G/L Account).");
                }

                line["accountId"] = DeterministicId("account:" + number).ToString();
                break;
            case "Comment":
                if (Dec(line["quantity"]) != 0)
                {
                    throw new BcApiException(400, "Application_FieldValidationException", "Quantity must be zero on a Comment line.");
                }

                break;
            default:
                throw new BcApiException(400, "BadRequest_InvalidRequestBody", $"Cannot convert the literal '{type}' to the expected type 'Microsoft.NAV.invoiceLineAggLineType'.");
        }
    }

    private static Guid DeterministicId(string text) => new(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
}
