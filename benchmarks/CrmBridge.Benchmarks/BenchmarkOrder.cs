using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmBridge.Benchmarks;

/// <summary>A realistic Zoho CRM sales order: 30 header fields mapped, 20 order lines, and the lookup tables.</summary>
internal static class BenchmarkOrder
{
    public const int LineCount = 20;

    public static JsonObject Create()
    {
        var lines = new JsonArray();
        for (var i = 0; i < LineCount; i++)
        {
            lines.Add(new JsonObject
            {
                ["id"] = $"57257670000009{i:D2}",
                ["Product_Name"] = new JsonObject { ["id"] = $"P-{i}", ["name"] = $"  Product {i} " },
                ["Quantity"] = i + 1,
                ["List_Price"] = (12.5m + i).ToString(CultureInfo.InvariantCulture),
                ["Discount"] = i % 3 == 0 ? null : 1.25m,
                ["Net_Total"] = (i + 1) * (12.5m + i),
            });
        }

        return new JsonObject
        {
            ["id"] = "5725767000000222",
            ["SO_Number"] = " SO-1001 ",
            ["Subject"] = "Spring restock",
            ["Description"] = "Deliver to dock 4",
            ["Status"] = "Confirmed",
            ["Priority"] = "1",
            ["Currency"] = "cny",
            ["Grand_Total"] = 12345.678m,
            ["Sub_Total"] = "11000.5",
            ["Tax"] = 1430.07m,
            ["Adjustment"] = null,
            ["Discount"] = 84.9m,
            ["Exchange_Rate"] = "1.0000001",
            ["Created_Time"] = "2024-05-01T20:30:00+02:00",
            ["Modified_Time"] = "2024-05-02T08:00:00+02:00",
            ["Due_Date"] = "2024-05-20",
            ["Account_Name"] = new JsonObject { ["id"] = "5725767000000111", ["name"] = " Acme Trading Ltd " },
            ["Contact_Name"] = new JsonObject { ["id"] = "5725767000000333", ["name"] = "Li Wei" },
            ["Owner"] = new JsonObject { ["id"] = "5725767000000001", ["name"] = "Sales Rep", ["email"] = "Rep@Example.COM" },
            ["Billing_Street"] = " 1 Harbour Road ",
            ["Billing_City"] = "Shenzhen",
            ["Billing_Code"] = "518000",
            ["Billing_Country"] = "cn",
            ["Shipping_Street"] = null,
            ["Shipping_City"] = "Dongguan",
            ["Shipping_Code"] = "523000",
            ["Shipping_Country"] = "cn",
            ["Carrier"] = "DHL",
            ["Purchase_Order"] = "4711",
            ["Country"] = "CN",
            ["Ordered_Items"] = lines,
        };
    }

    public static Dictionary<string, string> Customers { get; } = new() { ["5725767000000111"] = "C-001" };

    public static Dictionary<string, string> Products { get; } =
        Enumerable.Range(0, LineCount).ToDictionary(i => $"P-{i}", i => $"ITEM-{i:D4}");

    public const string Mapping = """
        mapping: benchmark-zoho-order-to-erp
        source: { system: zoho, entity: Sales_Orders }
        target: { system: erp, entity: salesOrders }
        key: { source: id, target: externalId }
        lookups:
          customer: { system: zoho, entity: Accounts, target: { system: erp, entity: customers } }
          product: { system: zoho, entity: Products, target: { system: erp, entity: items } }
        filter:
          - { field: Status, in: [Confirmed, Approved] }
        fields:
          orderNumber: { from: SO_Number, required: true, trim: true }
          customerCode: { from: Account_Name.id, lookup: customer, required: true }
          customerName: { from: Account_Name.name, trim: true }
          contactName: { from: Contact_Name.name, split: { separator: " ", take: 0 } }
          ownerEmail: { from: Owner.email, case: lower }
          orderDate: { from: Created_Time, date: { format: yyyy-MM-dd, timeZone: Asia/Shanghai } }
          dueDate: { from: Due_Date, date: { format: yyyy-MM-dd } }
          modifiedAt: { from: Modified_Time, date: { format: iso } }
          currency: { from: Currency, default: CNY, case: upper }
          status: { from: Status, map: { Confirmed: OPEN, Approved: OPEN, Cancelled: CANCELLED } }
          priority: { from: Priority, map: { "1": HIGH, "2": NORMAL }, otherwise: NORMAL }
          total: { from: Grand_Total, number: { decimals: 2 } }
          subTotal: { from: Sub_Total, number: { decimals: 2 } }
          tax: { from: Tax, number: { decimals: 2 } }
          adjustment: { from: Adjustment, number: { decimals: 2 }, default: 0 }
          discount: { from: Discount, number: { decimals: 2 }, default: 0 }
          exchangeRate: { from: Exchange_Rate, number: { decimals: 6 } }
          note: { concat: [ "$Subject", " / ", "$Description" ] }
          channel: { value: CRM }
          region: { when: { field: Country, equals: CN }, value: DOMESTIC, else: EXPORT }
          billTo.street: { from: Billing_Street, trim: true }
          billTo.city: { from: Billing_City }
          billTo.postcode: { from: Billing_Code }
          billTo.country: { from: Billing_Country, case: upper }
          shipTo.street: { coalesce: [Shipping_Street, Billing_Street], trim: true }
          shipTo.city: { coalesce: [Shipping_City, Billing_City] }
          shipTo.postcode: { from: Shipping_Code }
          shipTo.country: { from: Shipping_Country, case: upper }
          carrier: { from: Carrier, map: { FedEx: FEDEX, DHL: DHL, UPS: UPS }, otherwise: OTHER }
          customerPo: { from: Purchase_Order, format: "PO-{0}" }
        collections:
          lines:
            from: Ordered_Items
            fields:
              sku: { from: Product_Name.id, lookup: product, required: true }
              description: { from: Product_Name.name, trim: true }
              quantity: { from: Quantity, number: { decimals: 3 }, required: true }
              unitPrice: { from: List_Price, number: { decimals: 2 } }
              discount: { from: Discount, number: { decimals: 2 }, default: 0 }
              lineTotal: { from: Net_Total, number: { decimals: 2 } }
        """;
}
