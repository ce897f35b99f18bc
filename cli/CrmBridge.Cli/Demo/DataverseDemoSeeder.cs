using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Dataverse;

namespace CrmBridge.Cli.Demo;

/// <summary>
/// Seeds the Dataverse sandbox in process: each customer an active account with a contact; 60 % of them a submitted
/// (confirmed) sales order with 1–5 lines; 30 % an active case. Deterministic (fixed seed) so runs compare.
/// </summary>
internal sealed class DataverseDemoSeeder
{
    private static readonly string[] Cities = ["Shanghai", "Beijing", "Shenzhen", "Hangzhou", "Chengdu"];
    private static readonly string[] Products = ["Pump housing", "Valve kit", "Bearing set", "Control board", "Gasket pack"];
    private readonly DataverseSandbox _sandbox;

    public DataverseDemoSeeder(DataverseSandbox sandbox) => _sandbox = sandbox;

    public IReadOnlyDictionary<string, int> Seed(int customers, IProgress<(int Done, int Total)> progress, CancellationToken cancellationToken)
    {
        var random = new Random(20261127);
        var plan = Enumerable.Range(1, customers).Select(i => (Index: i, Lines: random.Next(100) < 60 ? random.Next(1, 6) : 0, Case: random.Next(100) < 30)).ToList();
        var total = plan.Sum(p => 2 + (p.Lines > 0 ? 1 + p.Lines : 0) + (p.Case ? 1 : 0));
        var done = 0;
        var orders = 0;
        var cases = 0;
        foreach (var (index, lines, hasCase) in plan)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var account = _sandbox.Create("accounts", new JsonObject
            {
                ["name"] = $"Demo Customer {index:D5}",
                ["accountnumber"] = $"ACC-{index:D6}",
                ["emailaddress1"] = $"buyer{index}@example.com",
                ["telephone1"] = $"+86 21 5555 {index % 10000:D4}",
                ["address1_line1"] = $"{index} Century Avenue",
                ["address1_city"] = Cities[index % Cities.Length],
                ["address1_country"] = "China",
                ["creditlimit"] = 50000m,
                ["accountcategorycode"] = index % 5 == 0 ? 1 : 2,
            });
            _sandbox.Create("contacts", new JsonObject
            {
                ["firstname"] = "Buyer",
                ["lastname"] = $"No{index}",
                ["emailaddress1"] = $"contact{index}@example.com",
                ["parentcustomerid_account@odata.bind"] = $"/accounts({account})",
            });
            done += 2;
            if (lines > 0)
            {
                done += SeedOrder(index, account, lines, random);
                orders++;
            }

            if (hasCase)
            {
                _sandbox.Create("incidents", new JsonObject
                {
                    ["title"] = $"Complaint {index:D5}: delivery damaged",
                    ["ticketnumber"] = $"CAS-{index:D6}",
                    ["description"] = "Packaging arrived damaged.",
                    ["prioritycode"] = 1 + (index % 3),
                    ["customerid_account@odata.bind"] = $"/accounts({account})",
                });
                done++;
                cases++;
            }

            progress.Report((done, total));
        }

        return new Dictionary<string, int>(StringComparer.Ordinal) { ["accounts"] = customers, ["salesorders"] = orders, ["incidents"] = cases };
    }

    private int SeedOrder(int index, Guid account, int lines, Random random)
    {
        var prices = Enumerable.Range(0, lines).Select(_ => (Quantity: random.Next(1, 20), Price: random.Next(10, 500))).ToList();
        var order = _sandbox.Create("salesorders", new JsonObject
        {
            ["name"] = $"Order {index:D5}",
            ["ordernumber"] = $"ORD-{index:D6}",
            ["totalamount"] = (decimal)prices.Sum(p => p.Quantity * p.Price),
            ["customerid_account@odata.bind"] = $"/accounts({account})",
        });
        for (var line = 0; line < lines; line++)
        {
            _sandbox.Create("salesorderdetails", new JsonObject
            {
                ["salesorderid@odata.bind"] = $"/salesorders({order})",
                ["lineitemnumber"] = line + 1,
                ["productdescription"] = Products[(index + line) % Products.Length],
                ["isproductoverridden"] = true,
                ["quantity"] = (decimal)prices[line].Quantity,
                ["priceperunit"] = (decimal)prices[line].Price,
                ["extendedamount"] = (decimal)(prices[line].Quantity * prices[line].Price),
            });
        }

        // Submitted (1) / In Progress (3) = confirmed: set after the lines exist, so the order's change event carries them.
        _sandbox.Update("salesorders", order, new JsonObject { ["statecode"] = 1, ["statuscode"] = 3 });
        return 1 + lines;
    }
}
