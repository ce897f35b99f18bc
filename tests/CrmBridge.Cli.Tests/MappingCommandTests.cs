using System.Text.Json.Nodes;
using Xunit;

namespace CrmBridge.Cli.Tests;

/// <summary><c>crmbridge mapping validate</c> and <c>crmbridge mapping test</c> through the real CLI.</summary>
public sealed class MappingCommandTests : IDisposable
{
    private const string Order = """
        {
          "id": "5725767000000222", "SO_Number": "SO-1001",
          "Account_Name": { "id": "5725767000000111", "name": "Acme Ltd" },
          "Contact_Name": { "id": "1", "name": "Li Wei" },
          "Created_Time": "2024-05-01T20:30:00+02:00", "Currency": "cny", "Status": "Confirmed", "Priority": 1,
          "Grand_Total": "99.999", "Subject": "S", "Description": "D", "Country": "CN",
          "Ordered_Items": [ { "Product_Name": { "id": "P-1", "name": "Bolt" }, "Quantity": "3" } ]
        }
        """;

    private const string Lookups = """{ "customer": { "5725767000000111": "C-001" }, "product": { "P-1": "ITEM-1" } }""";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "crmbridge-cli-mapping-" + Guid.NewGuid().ToString("N"));

    public MappingCommandTests() => Directory.CreateDirectory(_dir);

    private static string Examples { get; } = Path.Combine(FindRoot(), "mappings", "examples");

    private static string ZohoExample => Path.Combine(Examples, "zoho-sales-order-to-erp.yaml");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Validate_ExamplesDirectory_ExitsZeroAndListsRoutes()
    {
        var (exit, output, error) = await RunAsync("mapping", "validate", Examples);

        Assert.Equal(0, exit);
        Assert.Contains("example-zoho-sales-order-to-erp (zoho Sales_Orders -> erp salesOrders)", output, StringComparison.Ordinal);
        Assert.EndsWith("2 mapping(s) valid.", output.TrimEnd(), StringComparison.Ordinal);
        Assert.Empty(error);
    }

    [Fact]
    public async Task Validate_InvalidFiles_ExitsOneWithEveryErrorAndLine()
    {
        var bad = Write("bad.yaml", "mapping: bad\nsource: { system: zoho, entity: A }\ntarget: { system: erp, entity: c }\nkey: { source: id, target: externalId }\nfields:\n  a: { from: x, case: shout }\n  b: { from: x, date: { timeZone: Mars/Olympus } }\n");
        var worse = Write("sub/worse.yml", "mapping: [\n");

        var (exit, _, error) = await RunAsync("mapping", "validate", bad, Path.GetDirectoryName(worse)!);

        Assert.Equal(1, exit);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(4, lines.Length);
        Assert.EndsWith("bad.yaml:6: fields.a.case: must be one of: upper, lower, title", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("bad.yaml:7: fields.b.date.timeZone: unknown time zone 'Mars/Olympus' (use an IANA name such as Asia/Shanghai, Europe/Berlin or UTC)", lines[1], StringComparison.Ordinal);
        Assert.Contains("worse.yml:2: YAML syntax error", lines[2], StringComparison.Ordinal);
        Assert.Equal("3 error(s) in 2 file(s).", lines[3]);
    }

    [Fact]
    public async Task Validate_Json_ListsErrorsWithFileLineAndRule()
    {
        var bad = Write("bad-json.yaml", "mapping: bad\nsource: { system: zoho, entity: A }\ntarget: { system: erp, entity: c }\nkey: { source: id, target: externalId }\nfields:\n  a: { from: x, case: shout }\n");

        var (exit, output, _) = await RunAsync("mapping", "validate", bad, "--json");

        Assert.Equal(1, exit);
        var report = System.Text.Json.Nodes.JsonNode.Parse(output)!;
        Assert.False(report["valid"]!.GetValue<bool>());
        var only = Assert.Single(report["errors"]!.AsArray());
        Assert.Equal(6, only!["line"]!.GetValue<int>());
        Assert.Equal("fields.a.case", only["rule"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Validate_MissingPathOrNoPath_ExitsTwo(bool givePath)
    {
        var args = givePath ? new[] { "mapping", "validate", Path.Combine(_dir, "nope.yaml") } : ["mapping", "validate"];

        var (exit, _, error) = await RunAsync(args);

        Assert.Equal(2, exit);
        Assert.StartsWith("error:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_ValidRecordWithLookups_PrintsTargetDocumentWithKey()
    {
        var (exit, output, error) = await RunAsync("mapping", "test", ZohoExample, "--input", Write("order.json", Order), "--lookups", Write("lookups.json", Lookups));

        Assert.Equal(0, exit);
        Assert.Empty(error);
        var document = JsonNode.Parse(output)!;
        Assert.Equal("5725767000000222", document["externalId"]!.GetValue<string>());
        Assert.Equal("C-001", document["customerCode"]!.GetValue<string>());
        Assert.Equal(100.00m, document["total"]!.GetValue<decimal>());
        Assert.Equal("ITEM-1", document["lines"]![0]!["sku"]!.GetValue<string>());
    }

    [Fact]
    public async Task Test_FilteredRecord_PrintsConditionAndExitsZero()
    {
        var record = Order.Replace("\"Confirmed\"", "\"Draft\"", StringComparison.Ordinal);

        var (exit, output, _) = await RunAsync("mapping", "test", ZohoExample, "--input", Write("order.json", record));

        Assert.Equal(0, exit);
        Assert.Equal("filtered: Status in [Confirmed, Approved]", output.Trim());
    }

    [Fact]
    public async Task Test_BadRecord_PrintsEveryErrorAndExitsOne()
    {
        var record = Order.Replace("\"2024-05-01T20:30:00+02:00\"", "\"soon\"", StringComparison.Ordinal).Replace("\"3\"", "\"three\"", StringComparison.Ordinal);

        var (exit, output, error) = await RunAsync("mapping", "test", ZohoExample, "-i", Write("order.json", record), "-l", Write("lookups.json", Lookups));

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("error: orderDate (from Created_Time): the source value is not a date", error, StringComparison.Ordinal);
        Assert.Contains("error: lines[0].quantity (from Ordered_Items[0].Quantity): the source value is not a number [NOT_A_NUMBER]", error, StringComparison.Ordinal);
        Assert.Contains("2 error(s), 0 missing lookup(s).", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_BadRecordWithJson_PrintsEveryErrorAndTheMissingLookupsAsOneDocument()
    {
        var record = Order.Replace("\"3\"", "\"three\"", StringComparison.Ordinal);

        var (exit, output, _) = await RunAsync("mapping", "test", ZohoExample, "-i", Write("order.json", record), "--json");

        Assert.Equal(1, exit);
        var report = System.Text.Json.Nodes.JsonNode.Parse(output)!;
        Assert.Contains(report["errors"]!.AsArray(), e => e!.GetValue<string>().Contains("[NOT_A_NUMBER]", StringComparison.Ordinal));
        Assert.Equal("5725767000000111", report["missingLookups"]![0]!["sourceId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Test_GoodRecordWithJson_PrintsTheMappedDocument()
    {
        var (exit, output, _) = await RunAsync("mapping", "test", ZohoExample, "-i", Write("order.json", Order), "-l", Write("lookups.json", Lookups), "--json");

        Assert.Equal(0, exit);
        var report = System.Text.Json.Nodes.JsonNode.Parse(output)!;
        Assert.Equal("Mapped", report["status"]!.GetValue<string>());
        Assert.NotNull(report["document"]);
    }

    [Fact]
    public async Task Test_WithoutLookups_ReportsMissingLookupsAndExitsOne()
    {
        var (exit, _, error) = await RunAsync("mapping", "test", ZohoExample, "--input", Write("order.json", Order));

        Assert.Equal(1, exit);
        Assert.Contains("missing lookup: customerCode: customer has no target id for source id 5725767000000111", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_InvalidMapping_PrintsDiagnosticsAndExitsOne()
    {
        var mapping = Write("m.yaml", "mapping: m\nsource: { system: zoho, entity: A }\ntarget: { system: erp, entity: c }\nkey: { source: id, target: externalId }\nfields:\n  a: { from: x, upper: true }\n");

        var (exit, _, error) = await RunAsync("mapping", "test", mapping, "--input", Write("r.json", "{}"));

        Assert.Equal(1, exit);
        Assert.Contains("m.yaml:6: fields.a.upper: unknown rule 'upper'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing-input")]
    [InlineData("no-such-input")]
    [InlineData("bad-json")]
    [InlineData("array-json")]
    [InlineData("bad-lookups")]
    public async Task Test_BadArguments_ExitsTwo(string problem)
    {
        var input = Write("in.json", problem switch { "bad-json" => "{ nope", "array-json" => "[1]", _ => Order });
        var lookups = Write("lookups.json", problem == "bad-lookups" ? """{ "customer": ["x"] }""" : Lookups);
        string[] args = problem switch
        {
            "missing-input" => ["mapping", "test", ZohoExample],
            "no-such-input" => ["mapping", "test", ZohoExample, "--input", Path.Combine(_dir, "none.json")],
            _ => ["mapping", "test", ZohoExample, "--input", input, "--lookups", lookups],
        };

        var (exit, output, error) = await RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.StartsWith("error:", error, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CrmBridge.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("CrmBridge.sln not found");
    }
}
