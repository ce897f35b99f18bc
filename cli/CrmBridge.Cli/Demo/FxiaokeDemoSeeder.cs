using System.Globalization;
using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Fxiaoke;

namespace CrmBridge.Cli.Demo;

/// <summary>
/// Seeds the demo tenant in-process: every customer (AccountObj) gets a contact; every 4th a confirmed order
/// (order_status 7) with 1–5 lines; every 10th a service ticket, linked to its order when it has one.
/// </summary>
internal sealed class FxiaokeDemoSeeder(FxiaokeSandbox sandbox, string ticketObject)
{
    private static readonly string[] Cities = ["Shanghai", "Beijing", "Shenzhen", "Hangzhou", "Chengdu", "Wuhan"];
    private static readonly string[] Levels = ["A", "B", "C"];

    public IReadOnlyDictionary<string, int> Seed(int customers, IProgress<(int Done, int Total)> progress, CancellationToken cancellationToken)
    {
        var random = new Random(20261127);
        var orders = 0;
        var tickets = 0;
        var start = new DateTimeOffset(2026, 11, 1, 1, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < customers; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = (i + 1).ToString("D6", CultureInfo.InvariantCulture);
            var account = sandbox.CreateRecord("AccountObj", new JsonObject
            {
                ["name"] = $"Demo Customer {n}",
                ["account_no"] = $"FX-{n}",
                ["tel"] = $"021-6{n}",
                ["email"] = $"buyer{n}@demo.example",
                ["city"] = Cities[i % Cities.Length],
                ["country"] = "CN",
                ["account_level"] = Levels[i % Levels.Length],
                ["credit_limit__c"] = ((i % 20 + 1) * 5000).ToString(CultureInfo.InvariantCulture),
            });
            sandbox.CreateRecord("ContactObj", new JsonObject { ["name"] = $"Contact {n}", ["account_id"] = account, ["tel"] = $"138{n}00" });

            string? order = null;
            if (i % 4 == 0)
            {
                order = CreateOrder(random, account, start.AddMinutes(i));
                orders++;
            }

            if (i % 10 == 0)
            {
                var ticket = new JsonObject
                {
                    ["name"] = $"Complaint {n}: damaged delivery",
                    ["account_id"] = account,
                    ["description"] = "Outer carton crushed; two units scratched.",
                    ["priority"] = (1 + (i % 3)).ToString(CultureInfo.InvariantCulture),
                    ["case_status"] = "1",
                };
                if (order is not null)
                {
                    ticket["sales_order_id"] = order;
                }

                sandbox.CreateRecord(ticketObject, ticket);
                tickets++;
            }

            if ((i + 1) % 100 == 0 || i + 1 == customers)
            {
                progress.Report((i + 1, customers));
            }
        }

        return new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["AccountObj"] = customers,
            ["SalesOrderObj"] = orders,
            [ticketObject] = tickets,
        };
    }

    private string CreateOrder(Random random, string account, DateTimeOffset when)
    {
        var lines = new List<JsonObject>();
        var total = 0m;
        for (var l = 0; l < random.Next(1, 6); l++)
        {
            var quantity = random.Next(1, 20);
            var price = Math.Round((decimal)(random.NextDouble() * 500) + 10, 2);
            total += quantity * price;
            lines.Add(new JsonObject
            {
                ["product_id"] = $"SKU-{random.Next(1, 400):D4}",
                ["quantity"] = quantity.ToString(CultureInfo.InvariantCulture),
                ["sales_price"] = price.ToString(CultureInfo.InvariantCulture),
                ["subtotal"] = (quantity * price).ToString(CultureInfo.InvariantCulture),
            });
        }

        return sandbox.CreateRecord("SalesOrderObj", new JsonObject
        {
            ["account_id"] = account,
            ["order_time"] = when.ToUnixTimeMilliseconds(),
            ["order_status"] = "7",
            ["order_amount"] = total.ToString(CultureInfo.InvariantCulture),
            ["mc_currency"] = "CNY",
        }, lines);
    }
}
