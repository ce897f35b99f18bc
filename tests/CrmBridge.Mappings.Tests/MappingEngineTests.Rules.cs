using System.Text.Json.Nodes;
using CrmBridge.Mappings.Abstractions;

namespace CrmBridge.Mappings.Tests;

/// <summary>One test (or theory) per field rule.</summary>
public sealed partial class MappingEngineTests
{
    private static JsonNode? Field(string rule, string record, string field = "out") =>
        TestMappings.Fields($"fields:\n  {field}: {rule}\n").Mapped(record)[field];

    private static MappingError FieldError(string rule, string record)
    {
        var result = TestMappings.Fields($"fields:\n  out: {rule}\n").Map(record);
        Assert.Equal(MapStatus.Failed, result.Status);
        return Assert.Single(result.Errors);
    }

    [Theory]
    [InlineData("{ from: a }", """{"id":"1","a":"x"}""", "\"x\"")]
    [InlineData("{ from: a.b.c }", """{"id":"1","a":{"b":{"c":7}}}""", "7")]
    [InlineData("{ from: a.1.n }", """{"id":"1","a":[{"n":1},{"n":2}]}""", "2")]
    [InlineData("{ from: a }", """{"id":"1","a":{"x":[1,true,null]}}""", """{"x":[1,true,null]}""")]
    [InlineData("{ from: a }", """{"id":"1","a":null}""", "null")]
    [InlineData("{ from: a.id }", """{"id":"1","a":null}""", "null")]
    [InlineData("{ from: x@OData.Community.Display.V1.FormattedValue }", """{"id":"1","x@OData.Community.Display.V1.FormattedValue":"Hot"}""", "\"Hot\"")]
    [InlineData("{ from: a, trim: true }", """{"id":"1","a":"  x y  "}""", "\"x y\"")]
    [InlineData("{ from: a, case: upper }", """{"id":"1","a":"abc"}""", "\"ABC\"")]
    [InlineData("{ from: a, case: lower }", """{"id":"1","a":"AbC"}""", "\"abc\"")]
    [InlineData("{ from: a, case: title }", """{"id":"1","a":"li WEI"}""", "\"Li Wei\"")]
    [InlineData("{ from: a, default: CNY }", """{"id":"1"}""", "\"CNY\"")]
    [InlineData("{ from: a, default: CNY }", """{"id":"1","a":null}""", "\"CNY\"")]
    [InlineData("{ from: a, default: CNY, trim: true }", """{"id":"1","a":"  "}""", "\"CNY\"")]
    [InlineData("{ from: a, default: 0, number: { decimals: 2 } }", """{"id":"1"}""", "0")]
    [InlineData("{ from: a, map: { Confirmed: OPEN } }", """{"id":"1","a":"Confirmed"}""", "\"OPEN\"")]
    [InlineData("{ from: a, map: { \"1\": HIGH, \"2\": NORMAL } }", """{"id":"1","a":1}""", "\"HIGH\"")]
    [InlineData("{ from: a, map: { 2: 20 } }", """{"id":"1","a":"2"}""", "20")]
    [InlineData("{ from: a, map: { \"true\": Y, \"false\": N } }", """{"id":"1","a":false}""", "\"N\"")]
    [InlineData("{ from: a, map: { x: 1 }, otherwise: NORMAL }", """{"id":"1","a":"zzz"}""", "\"NORMAL\"")]
    [InlineData("{ from: a, map: { x: 1 } }", """{"id":"1","a":null}""", "null")]
    [InlineData("{ from: a, number: { decimals: 2 } }", """{"id":"1","a":"100.01"}""", "100.01")]
    [InlineData("{ from: a, number: { decimals: 2 } }", """{"id":"1","a":2.345}""", "2.35")]
    [InlineData("{ from: a, number: { decimals: 2, rounding: toEven } }", """{"id":"1","a":2.345}""", "2.34")]
    [InlineData("{ from: a, number: { decimals: 0, rounding: down } }", """{"id":"1","a":"9.99"}""", "9")]
    [InlineData("{ from: a, number: { decimals: 0, rounding: up } }", """{"id":"1","a":"9.01"}""", "10")]
    [InlineData("{ from: a, number: { multiply: 100 } }", """{"id":"1","a":"0.15"}""", "15.00")]
    [InlineData("{ from: a, number: {} }", """{"id":"1","a":"1,234.5"}""", "1234.5")]
    [InlineData("{ from: a, number: {} }", """{"id":"1","a":""}""", "null")]
    [InlineData("{ from: a, number: { decimals: 2 }, format: \"0.00\" }", """{"id":"1","a":"5"}""", "\"5.00\"")]
    [InlineData("{ from: a, number: {}, format: D6 }", """{"id":"1","a":42}""", "\"000042\"")]
    [InlineData("{ from: a, format: \"SO-{0}\" }", """{"id":"1","a":"1001"}""", "\"SO-1001\"")]
    [InlineData("{ from: a, format: \"{0:000000}\" }", """{"id":"1","a":42}""", "\"000042\"")]
    [InlineData("{ concat: [\"$a\", \" / \", \"$b\"] }", """{"id":"1","a":"x","b":"y"}""", "\"x / y\"")]
    [InlineData("{ concat: [\"$a\", \" / \", \"$missing\"] }", """{"id":"1","a":"x"}""", "\"x / \"")]
    [InlineData("{ concat: [\"$$\", \"$n\", 1] }", """{"id":"1","n":5}""", "\"$51\"")]
    [InlineData("{ value: CRM }", """{"id":"1"}""", "\"CRM\"")]
    [InlineData("{ value: 3 }", """{"id":"1"}""", "3")]
    [InlineData("{ value: { a: [1, 2] } }", """{"id":"1"}""", """{"a":[1,2]}""")]
    [InlineData("{ value: null }", """{"id":"1"}""", "null")]
    [InlineData("{ from: a, split: { separator: \" \", take: 0 } }", """{"id":"1","a":"Li Wei"}""", "\"Li\"")]
    [InlineData("{ from: a, split: { separator: \" \", take: -1 } }", """{"id":"1","a":"Li Xiao Wei"}""", "\"Wei\"")]
    [InlineData("{ from: a, split: { separator: \",\", take: 5 } }", """{"id":"1","a":"a,b"}""", "null")]
    [InlineData("{ coalesce: [a, b, c] }", """{"id":"1","a":null,"b":"","c":"z"}""", "\"z\"")]
    [InlineData("{ coalesce: [a, b] }", """{"id":"1","b":"y"}""", "\"y\"")]
    [InlineData("{ when: { field: c, equals: CN }, value: DOMESTIC, else: EXPORT }", """{"id":"1","c":"CN"}""", "\"DOMESTIC\"")]
    [InlineData("{ when: { field: c, equals: CN }, value: DOMESTIC, else: EXPORT }", """{"id":"1","c":"DE"}""", "\"EXPORT\"")]
    [InlineData("{ when: { field: c, exists: true }, from: c, case: upper }", """{"id":"1","c":"de"}""", "\"DE\"")]
    [InlineData("{ from: a, boolean: true }", """{"id":"1","a":"Yes"}""", "true")]
    [InlineData("{ from: a, boolean: true }", """{"id":"1","a":0}""", "false")]
    [InlineData("{ from: a, boolean: true }", """{"id":"1","a":true}""", "true")]
    [InlineData("{ from: a, boolean: true, default: false }", """{"id":"1"}""", "false")]
    public void Map_FieldRule_ProducesExpectedValue(string rule, string record, string expected)
    {
        var actual = Field(rule, record);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}, got {actual?.ToJsonString() ?? "null"}");
    }

    [Theory]
    [InlineData("{ from: a }", """{"id":"1"}""")]
    [InlineData("{ when: { field: c, eq: CN }, value: DOMESTIC }", """{"id":"1","c":"DE"}""")]
    [InlineData("{ from: a, split: { separator: \",\", take: 5 } }", """{"id":"1"}""")]
    public void Map_NoValueAndNoDefault_LeavesFieldOut(string rule, string record)
    {
        var document = TestMappings.Fields($"fields:\n  out: {rule}\n").Mapped(record);

        Assert.False(document.ContainsKey("out"));
    }

    [Theory]
    [InlineData("{ from: a, required: true }", """{"id":"1"}""", "REQUIRED", "a")]
    [InlineData("{ from: a, required: true }", """{"id":"1","a":null}""", "REQUIRED", "a")]
    [InlineData("{ from: a, required: true, trim: true }", """{"id":"1","a":"  "}""", "REQUIRED", "a")]
    [InlineData("{ coalesce: [a, b], required: true }", """{"id":"1"}""", "REQUIRED", "a | b")]
    [InlineData("{ from: a, map: { Confirmed: OPEN } }", """{"id":"1","a":"Draft"}""", "NOT_IN_MAP", "a")]
    [InlineData("{ from: a, map: { Confirmed: OPEN } }", """{"id":"1","a":{"x":1}}""", "NOT_IN_MAP", "a")]
    [InlineData("{ from: a, number: {} }", """{"id":"1","a":"12abc"}""", "NOT_A_NUMBER", "a")]
    [InlineData("{ from: a, number: {} }", """{"id":"1","a":true}""", "NOT_A_NUMBER", "a")]
    [InlineData("{ from: a, number: {} }", """{"id":"1","a":[1]}""", "NOT_A_NUMBER", "a")]
    [InlineData("{ from: a, number: { multiply: 10 } }", """{"id":"1","a":79228162514264337593543950335}""", "NOT_A_NUMBER", "a")]
    [InlineData("{ from: a, number: {}, format: D6 }", """{"id":"1","a":1.5}""", "BAD_FORMAT", "a")]
    [InlineData("{ from: a, format: \"SO-{0}\" }", """{"id":"1","a":{"x":1}}""", "BAD_FORMAT", "a")]
    [InlineData("{ from: a, date: {} }", """{"id":"1","a":"31/31/2024"}""", "BAD_DATE", "a")]
    [InlineData("{ from: a, date: {} }", """{"id":"1","a":999999999999999999}""", "BAD_DATE", "a")]
    [InlineData("{ from: a, boolean: true }", """{"id":"1","a":"maybe"}""", "NOT_A_BOOLEAN", "a")]
    [InlineData("{ from: a, lookup: customer }", """{"id":"1","a":{"id":"5"}}""", "BAD_LOOKUP_ID", "a")]
    public void Map_BadValue_ReturnsErrorWithCodeAndSourcePath(string rule, string record, string code, string sourcePath)
    {
        var body = $"lookups:\n  customer: {{ system: zoho, entity: Accounts, target: {{ system: erp, entity: customers }} }}\nfields:\n  out: {rule}\n";

        var result = TestMappings.Fields(body).Map(record);

        Assert.Equal(MapStatus.Failed, result.Status);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("out", sourcePath, code), (error.Field, error.SourcePath, error.Code));
    }

    [Fact]
    public void Map_ConstantRuleError_HasNoSourcePath()
    {
        var error = FieldError("{ value: abc, number: {} }", """{"id":"1"}""");

        Assert.Equal(new MappingError("out", null, "NOT_A_NUMBER", "the source value is not a number"), error);
    }

    [Fact]
    public void Map_NestedTargetPaths_CreateNestedObjects()
    {
        var engine = TestMappings.Fields("fields:\n  address.city: { from: c }\n  address.geo.lat: { value: 1.5 }\n  address.street: { from: s }\n");

        var document = engine.Mapped("""{"id":"1","c":"Berlin","s":"Main St"}""");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"externalId":"1","address":{"city":"Berlin","geo":{"lat":1.5},"street":"Main St"}}"""), document), document.ToJsonString());
    }

    [Fact]
    public void Map_NumericKey_IsWrittenAsText()
    {
        var document = TestMappings.Fields("fields: {}\n").Mapped("""{"id":12345}""");

        Assert.Equal("12345", document["externalId"]!.GetValue<string>());
    }

    [Fact]
    public void Map_OutputValue_IsIndependentOfTheMappingConstant()
    {
        var engine = TestMappings.Fields("fields:\n  tags: { value: [a] }\n");
        var first = engine.Mapped("""{"id":"1"}""");
        first["tags"]!.AsArray().Add("mutated");

        var second = engine.Mapped("""{"id":"2"}""");

        Assert.Single(second["tags"]!.AsArray());
    }
}
