using System.Text.Json.Nodes;
using CrmBridge.Mappings.Abstractions;

namespace CrmBridge.Mappings.Tests;

/// <summary>Filters, collections, owns and lookups.</summary>
public sealed partial class MappingEngineTests
{
    [Theory]
    [InlineData("{ field: s, eq: A }", """{"s":"A"}""", true)]
    [InlineData("{ field: s, equals: A }", """{"s":"B"}""", false)]
    [InlineData("{ field: n, eq: 1 }", """{"n":"1.0"}""", true)]
    [InlineData("{ field: s, ne: A }", """{"s":"B"}""", true)]
    [InlineData("{ field: s, ne: A }", """{}""", true)]
    [InlineData("{ field: s, in: [A, B] }", """{"s":"B"}""", true)]
    [InlineData("{ field: s, in: [1, 2] }", """{"s":2}""", true)]
    [InlineData("{ field: s, notIn: [A, B] }", """{"s":"B"}""", false)]
    [InlineData("{ field: n, gt: 0 }", """{"n":"0.01"}""", true)]
    [InlineData("{ field: n, gt: 0 }", """{}""", false)]
    [InlineData("{ field: n, gte: 5 }", """{"n":5}""", true)]
    [InlineData("{ field: n, lt: 5 }", """{"n":5}""", false)]
    [InlineData("{ field: n, lte: 5 }", """{"n":"4"}""", true)]
    [InlineData("{ field: n, gt: 5 }", """{"n":"abc"}""", false)]
    [InlineData("{ field: d, gte: \"2024-01-01\" }", """{"d":"2024-03-01T00:00:00+08:00"}""", true)]
    [InlineData("{ field: d, lt: \"2024-01-01T00:00:00Z\" }", """{"d":1700000000000}""", true)]
    [InlineData("{ field: s, gt: m }", """{"s":"z"}""", true)]
    [InlineData("{ field: s, exists: true }", """{"s":""}""", false)]
    [InlineData("{ field: s, exists: false }", """{"s":null}""", true)]
    [InlineData("{ field: b, eq: true }", """{"b":true}""", true)]
    [InlineData("{ field: s, eq: null }", """{}""", true)]
    [InlineData("{ all: [ { field: a, eq: 1 }, { field: b, eq: 2 } ] }", """{"a":1,"b":3}""", false)]
    [InlineData("{ any: [ { field: a, eq: 1 }, { field: b, eq: 2 } ] }", """{"a":0,"b":2}""", true)]
    [InlineData("{ not: { field: a, eq: 1 } }", """{"a":1}""", false)]
    public void Map_FilterCondition_DecidesWhetherRecordSyncs(string condition, string record, bool passes)
    {
        var engine = TestMappings.Fields($"filter:\n  - {condition}\nfields: {{}}\n");
        var source = JsonNode.Parse(record)!.AsObject();
        source["id"] = "1";

        var result = engine.Map(source.ToJsonString());

        Assert.Equal(passes ? MapStatus.Mapped : MapStatus.Filtered, result.Status);
    }

    [Theory]
    [InlineData("{ field: s, equals: A }", "s eq A")]
    [InlineData("{ field: s, notIn: [A, B, 1, null] }", "s notIn [A, B, 1, null]")]
    [InlineData("{ any: [ { field: a, eq: 1 }, { not: { field: b, exists: true } } ] }", "any of (a eq 1; not (b exists true))")]
    public void Map_FilteredRecord_ReasonQuotesTheCondition(string condition, string reason)
    {
        var result = TestMappings.Fields($"filter:\n  - {condition}\nfields: {{}}\n").Map("""{"id":"1","s":"B","a":2,"b":"x"}""");

        Assert.Equal(reason, result.FilterReason);
    }

    [Fact]
    public void Map_CollectionWithFilterAndNested_MapsEachItem()
    {
        var engine = TestMappings.Fields("""
            collections:
              lines:
                from: items
                filter: [ { field: qty, gt: 0 } ]
                fields:
                  qty: { from: qty, number: {} }
                  sku: { from: product.code, case: upper }
                collections:
                  serials: { from: serials, fields: { no: { from: sn } } }
            """);

        var document = engine.Mapped("""
            {"id":"1","items":[
              {"qty":"2","product":{"code":"ab"},"serials":[{"sn":"S1"},{"sn":"S2"}]},
              {"qty":0,"product":{"code":"skip"}},
              {"qty":1,"product":{"code":"cd"}}]}
            """);

        var expected = JsonNode.Parse("""{"externalId":"1","lines":[{"qty":2,"sku":"AB","serials":[{"no":"S1"},{"no":"S2"}]},{"qty":1,"sku":"CD"}]}""");
        Assert.True(JsonNode.DeepEquals(expected, document), document.ToJsonString());
    }

    [Theory]
    [InlineData("""{"id":"1","items":{"a":1}}""", "lines", "items", "NOT_AN_ARRAY")]
    [InlineData("""{"id":"1","items":[5]}""", "lines[0]", "items[0]", "NOT_AN_OBJECT")]
    public void Map_CollectionBadShape_ReturnsError(string record, string field, string source, string code)
    {
        var result = TestMappings.Fields("collections:\n  lines: { from: items, fields: { q: { from: q } } }\n").Map(record);

        var error = Assert.Single(result.Errors);
        Assert.Equal((field, source, code), (error.Field, error.SourcePath, error.Code));
    }

    [Fact]
    public void Map_CollectionMissing_LeavesItOut()
    {
        var document = TestMappings.Fields("collections:\n  lines: { from: items, fields: { q: { from: q } } }\n").Mapped("""{"id":"1"}""");

        Assert.False(document.ContainsKey("lines"));
    }

    [Fact]
    public void Map_Owns_WritesOnlyOwnedFieldsAndKey()
    {
        var engine = TestMappings.Fields("""
            fields:
              status: { from: Status, map: { Shipped: SHIPPED } }
              trackingNumber: { from: Tracking }
              address.city: { from: City }
              name: { from: Name, required: true }
            collections:
              lines: { from: items, fields: { q: { from: q } } }
            owns: [status, trackingNumber, address]
            """);

        var document = engine.Mapped("""{"id":"1","Status":"Shipped","Tracking":"T-1","City":"Oslo","items":[{"q":1}]}""");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"externalId":"1","status":"SHIPPED","trackingNumber":"T-1","address":{"city":"Oslo"}}"""), document), document.ToJsonString());
        Assert.Equal(["status", "trackingNumber", "address"], engine.Routes[0].Owns);
    }

    [Fact]
    public void Map_LookupResolved_WritesTargetIdAndRouteListsDefinition()
    {
        var engine = TestMappings.Fields("fields:\n  customer: { from: Account_Name.id, lookup: customer }\n", """
            lookups:
              customer: { system: zoho, entity: Accounts, target: { system: erp, entity: customers } }
              unused: { system: zoho, entity: Products, target: { system: erp, entity: items } }
            """);
        var resolver = new Moq.Mock<ILookupResolver>();
        string? id = "C-001";
        resolver.Setup(r => r.TryResolve("customer", "5725767000000111", out id)).Returns(true);

        var document = engine.Mapped("""{"id":"1","Account_Name":{"id":"5725767000000111","name":"Acme"}}""", resolver.Object);

        Assert.Equal("C-001", document["customer"]!.GetValue<string>());
        Assert.Equal(new LookupDefinition("customer", "zoho", "Accounts", "erp", "customers"), Assert.Single(engine.Routes[0].Lookups));
    }

    [Fact]
    public void Map_RouteSettings_ComeFromTheFile()
    {
        var route = TestMappings.Compile(TestMappings.Header + "version: Modified_Time\nonDelete: delete\nfields: {}\n").Routes[0];

        Assert.Equal(
            new SyncRoute { Name = "test", SourceSystem = "zoho", SourceEntity = "Sales_Orders", TargetSystem = "erp", TargetEntity = "salesOrders", SourceKeyField = "id", TargetKeyField = "externalId", VersionField = "Modified_Time", OnDelete = DeleteBehavior.Delete },
            route with { Lookups = [], Owns = [] });
    }
}
