namespace CrmBridge.Mappings.Tests;

/// <summary>Every load-time error names file, line and rule path; all are reported at once.</summary>
public sealed partial class MappingLoaderTests
{
    private const string BadMapping = """
        mapping: bad
        source: { system: zoho, entity: Sales_Orders }
        target: { system: erp }
        key: { source: id, target: externalId }
        filter:
          - { field: Status, in: Confirmed }
          - { field: Grand_Total, gt: 0, lt: 5 }
          - { gt: 0 }
        fields:
          status: { from: Status, map: { [a, b]: OPEN } }
          status: { from: Status2 }
          total: { from: Grand_Total, upper: true }
          note: { from: a, value: b }
          orderDate: { from: Created_Time, date: { format: yyyy-MM-dd, timeZone: Mars/Olympus } }
          d2: { from: x, date: { format: "yyyy %" } }
          customerCode: { from: Account_Name.id, lookup: customer }
          externalId: { from: y }
          addr: { from: y }
          addr.city: { from: y }
          c: { from: y, case: shout }
          o: { from: y, otherwise: X }
          n: { from: y, number: { decimals: 2 }, date: {} }
          f: { from: y, format: "plain" }
          w: { else: X, from: y }
          nothing: { trim: true }
          q: { from: y, number: {}, format: Q }
          lk: { from: y, lookup: product, number: {} }
        owns: [status, nothere]
        """;

    [Fact]
    public void LoadText_ManyProblems_ReportsEveryOneWithLineAndRulePath()
    {
        var errors = TestMappings.Errors(BadMapping).Select(d => d.ToString()).ToArray();

        Assert.Equal(
            [
                "test.yaml:3: target: Required properties [\"entity\"] are not present",
                "test.yaml:6: filter[0].in: Value is \"string\" but should be \"array\"",
                "test.yaml:7: filter[1]: conflicting operators gt, lt: use one per condition (nest them with all/any)",
                "test.yaml:8: filter[2]: 'gt' needs a field: the source path to test",
                "test.yaml:10: fields.status.map: keys must be plain values (text or numbers), not lists or objects",
                "test.yaml:11: fields.status: duplicate key 'status' (the first is on line 10)",
                "test.yaml:12: fields.total.upper: unknown rule 'upper' (see docs/mappings.md for the rules allowed here)",
                "test.yaml:13: fields.note.value: conflicting rules: from and value — use one value source per field",
                "test.yaml:14: fields.orderDate.date.timeZone: unknown time zone 'Mars/Olympus' (use an IANA name such as Asia/Shanghai, Europe/Berlin or UTC)",
                "test.yaml:15: fields.d2.date.format: bad date format 'yyyy %' (use .NET date patterns such as yyyy-MM-dd or yyyy-MM-ddTHH:mm:ss, or iso / epochMillis)",
                "test.yaml:16: fields.customerCode.lookup: unknown lookup 'customer' (none are defined: add a lookups: block or a lookups.yaml beside this file)",
                "test.yaml:17: fields.externalId: duplicate target field 'externalId' (also written at line 4)",
                "test.yaml:19: fields.addr.city: target field 'addr.city' clashes with 'addr' (line 18): one would be a value and an object at once",
                "test.yaml:20: fields.c.case: must be one of: upper, lower, title",
                "test.yaml:21: fields.o.otherwise: 'otherwise' only makes sense together with 'map'",
                "test.yaml:22: fields.n.date: conflicting rules: number and date cannot be combined on one field",
                "test.yaml:23: fields.f.format: format 'plain' has no {0} placeholder for the value (e.g. \"SO-{0}\"); numeric formats need number: {}",
                "test.yaml:24: fields.w.else: 'else' only makes sense together with 'when'",
                "test.yaml:25: fields.nothing: a field rule needs one value source: from, coalesce, concat or value",
                "test.yaml:26: fields.q.format: bad format 'Q' (use a .NET numeric format such as 0.00, N2 or D6)",
                "test.yaml:27: fields.lk.number: conflicting rules: lookup and number cannot be combined on one field",
                "test.yaml:27: fields.lk.lookup: unknown lookup 'product' (none are defined: add a lookups: block or a lookups.yaml beside this file)",
                "test.yaml:28: owns[1]: 'nothere' is not a mapped field or collection: owns may only name fields this mapping writes",
            ],
            errors);
    }

    [Theory]
    [InlineData("fields:\n  a: { from: x, lookup: cust }\n", "test.yaml:6: fields.a.lookup: unknown lookup 'cust' (known: customer)")]
    [InlineData("fields:\n  a: { coalesce: [x], concat: [y] }\n", "test.yaml:6: fields.a.concat: conflicting rules: coalesce and concat — use one value source per field")]
    [InlineData("fields:\n  a: { value: 1, from: x }\n", "test.yaml:6: fields.a.value: conflicting rules: from and value — use one value source per field")]
    [InlineData("fields:\n  a: { from: x, date: { sourceTimeZone: Nowhere } }\n", "test.yaml:6: fields.a.date.sourceTimeZone: unknown time zone 'Nowhere' (use an IANA name such as Asia/Shanghai, Europe/Berlin or UTC)")]
    [InlineData("fields:\n  a: { from: x, date: {}, format: x }\n", "test.yaml:6: fields.a.format: conflicting rules: date and format cannot be combined on one field")]
    [InlineData("fields:\n  a: { from: x, number: { decimals: 30 } }\n", "test.yaml:6: fields.a.number.decimals: 30 should be at most 28")]
    [InlineData("fields:\n  a: { from: x, map: { a: [1] } }\n", "test.yaml:6: fields.a.map.a: Value is \"array\" but should be \"boolean, string, number, null\"")]
    [InlineData("collections:\n  lines: { from: items, fields: { a: { from: x }, a: { from: y } } }\n", "test.yaml:6: collections.lines.fields.a: duplicate key 'a' (the first is on line 6)")]
    [InlineData("fields:\n  lines: { from: x }\ncollections:\n  lines: { from: items }\n", "test.yaml:8: collections.lines: duplicate target field 'lines' (also written at line 6)")]
    [InlineData("filter:\n  - { field: a }\n", "test.yaml:6: filter[0]: a condition needs one operator (eq, ne, in, notIn, gt, gte, lt, lte, exists) or all/any/not")]
    [InlineData("filter:\n  - { all: [] }\n", "test.yaml:6: filter[0].all: 'all' needs at least one condition")]
    [InlineData("filter:\n  - { field: a, any: [ { field: b, eq: 1 } ] }\n", "test.yaml:6: filter[0].field: 'any' combines nested conditions and takes no field")]
    [InlineData("onDelete: purge\n", "test.yaml:5: onDelete: must be one of: ignore, delete")]
    [InlineData("fields:\n  a: { from: x, when: { field: y, eq: 1, ne: 2 }, else: 0 }\n", "test.yaml:6: fields.a.when: conflicting operators eq, ne: use one per condition (nest them with all/any)")]
    public void LoadText_SingleProblem_ReportsIt(string body, string expected)
    {
        var lookups = "lookups:\n  customer: { system: zoho, entity: Accounts, target: { system: erp, entity: customers } }\n";

        var errors = TestMappings.Errors(TestMappings.Header + body, lookups);

        Assert.Equal(expected, Assert.Single(errors).ToString());
    }

    [Fact]
    public void LoadText_LookupDefinedInFileAndShared_ReportsDuplicate()
    {
        var lookups = "lookups:\n  customer: { system: zoho, entity: Accounts, target: { system: erp, entity: customers } }\n";
        var body = "lookups:\n  customer: { system: zoho, entity: Accounts, target: { system: erp, entity: customers } }\nfields: {}\n";

        var error = Assert.Single(TestMappings.Errors(TestMappings.Header + body, lookups));

        Assert.Equal("test.yaml:6: lookups.customer: lookup 'customer' is already defined in the shared lookups.yaml of this folder", error.ToString());
    }

    [Theory]
    [InlineData("mapping: x\n  bad: [\n", "test.yaml:2: YAML syntax error:")]
    [InlineData("- just\n- a list\n", "test.yaml:1: a mapping file must be a YAML object with mapping, source, target, key and fields")]
    [InlineData("", "test.yaml:1: a mapping file must be a YAML object with mapping, source, target, key and fields")]
    public void LoadText_NotAMapping_ReportsIt(string yaml, string expectedStart)
    {
        var error = Assert.Single(TestMappings.Errors(yaml));

        Assert.StartsWith(expectedStart, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_UnclosedFlowMapping_ReportsSyntaxErrorWithLine()
    {
        // The shipped mappings' style: a rule in braces. Without its '}' YamlDotNet's scanner threw InvalidOperationException.
        var yaml = TestMappings.Header + "fields:\n  a: { from: SO_Number, required: true, trim: true\n  b: { from: y }\n";

        var error = Assert.Single(TestMappings.Errors(yaml));

        Assert.StartsWith("test.yaml:", error.ToString(), StringComparison.Ordinal);
        Assert.True(error.Line > 0, error.ToString());
        Assert.Contains("YAML syntax error", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_MissingTopLevelKeys_ReportsRequiredAtLineOne()
    {
        var error = Assert.Single(TestMappings.Errors("mapping: x\n"));

        Assert.Equal(1, error.Line);
        Assert.Contains("source", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_AnchorsAndAliases_AreResolved()
    {
        var yaml = TestMappings.Header + "fields:\n  a: &money { from: x, number: { decimals: 2 } }\n  b: *money\n";

        var document = TestMappings.Compile(yaml).Mapped("""{"id":"1","x":"1.005"}""");

        Assert.Equal((1.01m, 1.01m), (document["a"]!.GetValue<decimal>(), document["b"]!.GetValue<decimal>()));
    }
}
