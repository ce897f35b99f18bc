using System.Text.Json.Nodes;

namespace CrmBridge.Mappings.Tests;

/// <summary>The value shapes the three CRMs send: dates, option sets, lookup objects, numbers as text.</summary>
public sealed partial class MappingEngineTests
{
    [Theory]
    [InlineData("2024-05-01T20:30:00+02:00", "{ format: iso }", "2024-05-01T18:30:00+00:00")]
    [InlineData("2024-05-01T18:30:00Z", "{ timeZone: Asia/Shanghai }", "2024-05-02T02:30:00+08:00")]
    [InlineData("2024-05-01T18:30:00.123Z", "{ format: yyyy-MM-dd HH:mm:ss.fff }", "2024-05-01 18:30:00.123")]
    [InlineData("2024-05-01", "{ format: yyyy-MM-dd }", "2024-05-01")]
    [InlineData("2024-05-01 10:00:00", "{ sourceTimeZone: Asia/Shanghai }", "2024-05-01T02:00:00+00:00")]
    [InlineData("2024-01-15T10:00:00", "{ sourceTimeZone: Europe/Berlin, timeZone: America/New_York }", "2024-01-15T04:00:00-05:00")]
    [InlineData("1714588200000", "{ timeZone: Asia/Shanghai }", "2024-05-02T02:30:00+08:00")]
    [InlineData("/Date(1506384247000)/", "{}", "2017-09-26T00:04:07+00:00")]
    [InlineData("\\/Date(1506384247000)\\/", "{ format: yyyy-MM-dd }", "2017-09-26")]
    public void Map_DateShapes_ConvertToTargetZoneAndFormat(string input, string date, string expected)
    {
        var record = new JsonObject { ["id"] = "1", ["d"] = input };

        var document = TestMappings.Fields($"fields:\n  out: {{ from: d, date: {date} }}\n").Mapped(record.ToJsonString());

        Assert.Equal(expected, document["out"]!.GetValue<string>());
    }

    [Fact]
    public void Map_FxiaokeEpochMillisecondsNumber_ParsesAsUtcInstant()
    {
        var document = TestMappings.Fields("fields:\n  out: { from: create_time, date: { format: yyyy-MM-dd HH:mm, timeZone: Asia/Shanghai } }\n")
            .Mapped("""{"id":"1","create_time":1714588200000}""");

        Assert.Equal("2024-05-02 02:30", document["out"]!.GetValue<string>());
    }

    [Fact]
    public void Map_DateToEpochMillis_WritesNumber()
    {
        var document = TestMappings.Fields("fields:\n  out: { from: d, date: { format: epochMillis } }\n")
            .Mapped("""{"id":"1","d":"2024-05-01T18:30:00Z"}""");

        Assert.Equal(1714588200000m, document["out"]!.GetValue<decimal>());
    }

    [Fact]
    public void Map_DataverseOptionSetInteger_MapsThroughTextKeys()
    {
        var engine = TestMappings.Fields("fields:\n  priority: { from: prioritycode, map: { \"1\": HIGH, \"2\": NORMAL, \"3\": LOW } }\n  label: { from: prioritycode@OData.Community.Display.V1.FormattedValue }\n");

        var document = engine.Mapped("""{"id":"1","prioritycode":3,"prioritycode@OData.Community.Display.V1.FormattedValue":"Low"}""");

        Assert.Equal(("LOW", "Low"), (document["priority"]!.GetValue<string>(), document["label"]!.GetValue<string>()));
    }

    [Fact]
    public void Map_DataverseLookupValueGuid_ResolvesThroughLookup()
    {
        var lookups = DictionaryLookupResolver.FromJson("""{ "account": { "a1b2c3d4-0000-0000-0000-000000000001": "C-042" } }""");
        var engine = TestMappings.Fields("lookups:\n  account: { system: dataverse, entity: accounts, target: { system: erp, entity: customers } }\nfields:\n  customer: { from: _customerid_value, lookup: account }\n");

        var document = engine.Mapped("""{"id":"1","_customerid_value":"a1b2c3d4-0000-0000-0000-000000000001"}""", lookups);

        Assert.Equal("C-042", document["customer"]!.GetValue<string>());
    }

    [Fact]
    public void Map_ZohoLookupObjectNull_WritesNullWithoutDependency()
    {
        var engine = TestMappings.Fields("lookups:\n  customer: { system: zoho, entity: Accounts, target: { system: erp, entity: customers } }\nfields:\n  customer: { from: Account_Name.id, lookup: customer }\n  customerName: { from: Account_Name.name }\n");

        var document = engine.Mapped("""{"id":"1","Account_Name":null}""");

        Assert.Equal(2, document.Count(p => p.Value is null));
    }

    [Fact]
    public void Map_NumericLookupId_IsResolvedAsText()
    {
        var lookups = DictionaryLookupResolver.FromJson("""{ "owner": { "1000": 7 } }""");
        var engine = TestMappings.Fields("lookups:\n  owner: { system: fxiaoke, entity: PersonnelObj, target: { system: erp, entity: users } }\nfields:\n  owner: { from: owner.0, lookup: owner }\n");

        var document = engine.Mapped("""{"id":"1","owner":[1000]}""", lookups);

        Assert.Equal("7", document["owner"]!.GetValue<string>());
    }

    [Fact]
    public void Map_FxiaokeMoneyText_BecomesJsonNumber()
    {
        var document = TestMappings.Fields("fields:\n  amount: { from: order_amount, number: { decimals: 2 } }\n").Mapped("""{"id":"1","order_amount":"100.01"}""");

        Assert.Equal(System.Text.Json.JsonValueKind.Number, document["amount"]!.GetValueKind());
        Assert.Equal(100.01m, document["amount"]!.GetValue<decimal>());
    }

    [Fact]
    public void Map_ExplicitNullSource_IsWrittenAsNull()
    {
        var document = TestMappings.Fields("fields:\n  phone: { from: Phone }\n  total: { from: Total, number: {} }\n").Mapped("""{"id":"1","Phone":null,"Total":null}""");

        Assert.True(document.ContainsKey("phone") && document["phone"] is null && document["total"] is null);
    }
}
