using System.Text.Json.Nodes;
using Fluid;

namespace CrmBridge.Benchmarks;

/// <summary>The same mapping as a Liquid template rendered with Fluid (how Logic Apps users write JSON-to-JSON maps).</summary>
internal sealed class LiquidOrderMapper
{
    private const string Template = """
        {% if o.Status == 'Confirmed' or o.Status == 'Approved' %}{
          "externalId": {{ o.id | json }},
          "orderNumber": {{ o.SO_Number | strip | json }},
          "customerCode": {{ customers[o.Account_Name.id] | json }},
          "customerName": {{ o.Account_Name.name | strip | json }},
          "contactName": {{ o.Contact_Name.name | split: ' ' | first | json }},
          "ownerEmail": {{ o.Owner.email | downcase | json }},
          "orderDate": "{{ o.Created_Time | time_zone: 'Asia/Shanghai' | date: '%Y-%m-%d' }}",
          "dueDate": "{{ o.Due_Date | date: '%Y-%m-%d' }}",
          "modifiedAt": "{{ o.Modified_Time | time_zone: 'UTC' | date: '%Y-%m-%dT%H:%M:%S%:z' }}",
          "currency": {{ o.Currency | default: 'CNY' | upcase | json }},
          "status": "{% case o.Status %}{% when 'Confirmed', 'Approved' %}OPEN{% when 'Cancelled' %}CANCELLED{% endcase %}",
          "priority": "{% case o.Priority %}{% when '1' %}HIGH{% else %}NORMAL{% endcase %}",
          "total": {{ o.Grand_Total | round: 2 }},
          "subTotal": {{ o.Sub_Total | round: 2 }},
          "tax": {{ o.Tax | round: 2 }},
          "adjustment": {{ o.Adjustment | default: 0 | round: 2 }},
          "discount": {{ o.Discount | default: 0 | round: 2 }},
          "exchangeRate": {{ o.Exchange_Rate | round: 6 }},
          "note": {{ o.Subject | append: ' / ' | append: o.Description | json }},
          "channel": "CRM",
          "region": "{% if o.Country == 'CN' %}DOMESTIC{% else %}EXPORT{% endif %}",
          "billTo": { "street": {{ o.Billing_Street | strip | json }}, "city": {{ o.Billing_City | json }}, "postcode": {{ o.Billing_Code | json }}, "country": {{ o.Billing_Country | upcase | json }} },
          "shipTo": { "street": {{ o.Shipping_Street | default: o.Billing_Street | strip | json }}, "city": {{ o.Shipping_City | default: o.Billing_City | json }}, "postcode": {{ o.Shipping_Code | json }}, "country": {{ o.Shipping_Country | upcase | json }} },
          "carrier": "{% case o.Carrier %}{% when 'FedEx' %}FEDEX{% when 'DHL' %}DHL{% when 'UPS' %}UPS{% else %}OTHER{% endcase %}",
          "customerPo": {{ 'PO-' | append: o.Purchase_Order | json }},
          "lines": [{% for l in o.Ordered_Items %}
            { "sku": {{ products[l.Product_Name.id] | json }}, "description": {{ l.Product_Name.name | strip | json }}, "quantity": {{ l.Quantity | round: 3 }}, "unitPrice": {{ l.List_Price | round: 2 }}, "discount": {{ l.Discount | default: 0 | round: 2 }}, "lineTotal": {{ l.Net_Total | round: 2 }} }{% unless forloop.last %},{% endunless %}{% endfor %}
          ]
        }{% endif %}
        """;

    private static readonly FluidParser Parser = new();
    private readonly IFluidTemplate _template;
    private readonly TemplateOptions _options = new();

    public LiquidOrderMapper()
    {
        if (!Parser.TryParse(Template, out var template, out var error))
        {
            throw new InvalidOperationException(error);
        }

        _template = template;
        _options.TimeZone = TimeZoneInfo.Utc;
    }

    public string Map(JsonObject order)
    {
        var context = new TemplateContext(_options);
        context.SetValue("o", order);
        context.SetValue("customers", BenchmarkOrder.Customers);
        context.SetValue("products", BenchmarkOrder.Products);
        return _template.Render(context);
    }
}
