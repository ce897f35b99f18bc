using System.Text.Json.Nodes;
using CrmBridge.Mappings.Abstractions;

namespace CrmBridge.Mappings.Tests;

/// <summary>A value the mapping cannot handle is an error value, never an exception.</summary>
public sealed partial class MappingEngineTests
{
    private const string EveryRule = """
        lookups:
          customer: { system: zoho, entity: Accounts, target: { system: erp, entity: customers } }
        filter:
          - { field: v, ne: skip-me }
        fields:
          plain: { from: v }
          trimmed: { from: v, trim: true, case: title, split: { separator: " ", take: -1 } }
          mapped: { from: v, map: { a: 1 }, otherwise: 0 }
          strict: { from: v, map: { a: 1 } }
          number: { from: v, number: { decimals: 2, multiply: 1000 }, format: "0.00" }
          date: { from: v, date: { format: yyyy-MM-dd, timeZone: America/New_York, sourceTimeZone: Asia/Shanghai } }
          millis: { from: v, date: { format: epochMillis } }
          flag: { from: v, boolean: true }
          looked: { from: v, lookup: customer }
          formatted: { from: v, format: "X-{0}" }
          joined: { concat: ["$v", "-", "$v.x"] }
          first: { coalesce: [v.x, v] }
          when: { when: { field: v, gt: 5 }, from: v, else: small }
        collections:
          items: { from: v, fields: { q: { from: q, number: {} } } }
        """;

    public static TheoryData<string> OddValues() =>
    [
        "null", "true", "false", "0", "-1", "1e300", "79228162514264337593543950335", "\"\"", "\"   \"", "\"a\"", "\"0001-01-01\"",
        "\"9999-12-31T23:59:59\"", "\"-62135596800000\"", "\"/Date(abc)/\"", "\"/Date(253402300799999)/\"", "[]", "[1,[2]]",
        "[{\"q\":\"x\"},null]", "{}", "{\"x\":{\"y\":1}}", "\"{0}\"", "\"\\u0000\"", "\"深圳\"",
    ];

    [Theory]
    [MemberData(nameof(OddValues))]
    public void Map_OddSourceValue_NeverThrows(string value)
    {
        var engine = TestMappings.Fields(EveryRule);
        var record = $$"""{"id":"1","v":{{value}}}""";

        var result = engine.Map(record);

        Assert.True(result.Status is MapStatus.Mapped or MapStatus.Failed or MapStatus.MissingLookups, result.Status.ToString());
        Assert.Equal(result.Status == MapStatus.Mapped, result.Document is not null);
    }

    [Fact]
    public void Map_ValuesBuiltInCode_ReadLikeParsedValues()
    {
        var engine = TestMappings.Fields("fields:\n  id: { from: g, case: upper }\n  at: { from: d, date: { format: yyyy-MM-dd } }\n  n: { from: n, number: { decimals: 1 } }\n");
        var record = new JsonObject
        {
            ["id"] = "1",
            ["g"] = JsonValue.Create(Guid.Parse("a1b2c3d4-0000-0000-0000-00000000000f")),
            ["d"] = JsonValue.Create(new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc)),
            ["n"] = JsonValue.Create(2.25f),
        };

        var document = engine.Map(engine.Routes[0], record, DictionaryLookupResolver.Empty).Document!;

        Assert.Equal(("A1B2C3D4-0000-0000-0000-00000000000F", "2024-05-01", 2.3m), (document["id"]!.GetValue<string>(), document["at"]!.GetValue<string>(), document["n"]!.GetValue<decimal>()));
    }
}
