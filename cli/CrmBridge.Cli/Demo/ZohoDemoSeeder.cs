using System.Globalization;
using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Zoho;

namespace CrmBridge.Cli.Demo;

/// <summary>
/// Seeds the Zoho sandbox in-process (as CRM users would, visible to polling): N accounts with a contact each, a confirmed
/// sales order with 1–5 lines for three in five accounts, and a case for one in four. Deterministic (fixed seed).
/// </summary>
internal sealed class ZohoDemoSeeder
{
    private static readonly string[] AccountTypes = ["Customer", "Reseller", "Distributor", "Partner"];
    private static readonly string[] Priorities = ["High", "Medium", "Low"];
    private static readonly string[] Cities = ["Shanghai", "Beijing", "Shenzhen", "Hangzhou", "Chengdu"];
    private readonly ZohoSandbox _sandbox;
    private readonly Random _random = new(20261127);

    public ZohoDemoSeeder(ZohoSandbox sandbox) => _sandbox = sandbox;

    public IReadOnlyDictionary<string, int> Seed(int customers, IProgress<(int Done, int Total)> progress, CancellationToken cancellationToken)
    {
        var products = Enumerable.Range(1, 20).Select(i =>
        {
            var code = $"ZP-{i:D3}";
            var id = _sandbox.CreateRecord("Products", new JsonObject { ["Product_Name"] = $"Demo product {i}", ["Product_Code"] = code, ["Unit_Price"] = 10 * i });
            return new JsonObject { ["name"] = $"Demo product {i}", ["id"] = id, ["Product_Code"] = code };
        }).ToList();
        int orders = 0, cases = 0;
        for (var i = 1; i <= customers; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = $"Demo Customer {i:D5}";
            var accountId = _sandbox.CreateRecord("Accounts", new JsonObject
            {
                ["Account_Name"] = name,
                ["Account_Number"] = $"ZD-{i:D5}",
                ["Account_Type"] = AccountTypes[i % AccountTypes.Length],
                ["Phone"] = $"+86 21 5555 {i % 10000:D4}",
                ["Billing_Street"] = $"{i} Demo Road",
                ["Billing_City"] = Cities[i % Cities.Length],
                ["Billing_Code"] = $"2000{i % 10}",
                ["Billing_Country"] = "cn",
                ["Currency"] = "CNY",
            });
            var account = new JsonObject { ["name"] = name, ["id"] = accountId };
            var contactId = _sandbox.CreateRecord("Contacts", new JsonObject
            {
                ["First_Name"] = "Contact",
                ["Last_Name"] = $"{i:D5}",
                ["Email"] = $"contact{i}@demo.example",
                ["Account_Name"] = account.DeepClone(),
            });
            var contact = new JsonObject { ["name"] = $"Contact {i:D5}", ["id"] = contactId };
            if (i % 5 < 3)
            {
                CreateOrder(i, account, contact, products);
                orders++;
            }

            if (i % 4 == 0)
            {
                _sandbox.CreateRecord("Cases", new JsonObject
                {
                    ["Subject"] = $"Complaint from customer {i:D5}",
                    ["Description"] = "Goods arrived damaged.",
                    ["Status"] = "New",
                    ["Priority"] = Priorities[i % Priorities.Length],
                    ["Case_Origin"] = "Email",
                    ["Account_Name"] = account.DeepClone(),
                    ["Contact_Name"] = contact.DeepClone(),
                });
                cases++;
            }

            if (i % 50 == 0 || i == customers)
            {
                progress.Report((i, customers));
            }
        }

        return new Dictionary<string, int>(StringComparer.Ordinal) { ["Accounts"] = customers, ["Sales_Orders"] = orders, ["Cases"] = cases };
    }

    private void CreateOrder(int i, JsonObject account, JsonObject contact, List<JsonObject> products)
    {
        var lines = new JsonArray();
        decimal total = 0;
        var count = _random.Next(1, 6);
        for (var n = 0; n < count; n++)
        {
            var product = products[_random.Next(products.Count)];
            var quantity = _random.Next(1, 20);
            var price = Math.Round((decimal)(_random.NextDouble() * 500) + 1, 2);
            var net = quantity * price;
            total += net;
            lines.Add(new JsonObject
            {
                ["Product_Name"] = product.DeepClone(),
                ["Quantity"] = quantity,
                ["List_Price"] = price,
                ["Discount"] = 0,
                ["Total"] = net,
                ["Net_Total"] = net,
            });
        }

        _sandbox.CreateRecord("Sales_Orders", new JsonObject
        {
            ["Subject"] = $"Order {i:D5}",
            ["SO_Number"] = string.Create(CultureInfo.InvariantCulture, $"ZSO-{i:D5}"),
            ["Status"] = "Confirmed",
            ["Account_Name"] = account.DeepClone(),
            ["Contact_Name"] = contact.DeepClone(),
            ["Currency"] = "CNY",
            ["Sub_Total"] = total,
            ["Grand_Total"] = total,
            ["Ordered_Items"] = lines,
        });
    }
}
