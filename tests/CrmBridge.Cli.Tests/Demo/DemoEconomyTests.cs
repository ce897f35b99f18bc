using CrmBridge.Cli.Demo;
using CrmBridge.Cli.Demo.Calls;
using CrmBridge.Mappings;
using CrmBridge.Mappings.Abstractions;
using Xunit;

namespace CrmBridge.Cli.Tests.Demo;

public sealed class DemoEconomyTests
{
    private static readonly DemoCallCounts NoCalls = new(new Dictionary<(string, DemoCallKind), long>());

    [Fact]
    public void Row_DataverseReadWithLinesAndStatusWrites_MinimumCountsPagesLinesAndStatusBatches()
    {
        var routes = new[] { Route("accounts"), Route("salesorders", status: true), Route("incidents", status: true) };
        var counts = new Dictionary<string, int> { ["accounts"] = 8000, ["salesorders"] = 4801, ["incidents"] = 2464 };

        var row = DemoEconomy.Row("CRM → ERP", "dataverse", "read", new DemoApiLimits(5000, 1000), routes, counts, 0, NoCalls, lines: 14_400);

        Assert.Equal(2 + 1 + 1 + 3 + 5 + 3, row.Minimum); // pages, ⌈14,400 / 5,000⌉ lines, ⌈4,801 / 1,000⌉ + ⌈2,464 / 1,000⌉ status writes
        Assert.Contains("lines ⌈14400/5000⌉ = 3", row.MinimumHow, StringComparison.Ordinal);
        Assert.EndsWith("→ 15", row.MinimumHow, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(49, 5)] // 49 fields + Modified_Time: one call per page of 200
    [InlineData(60, 10)] // 61 fields: two field sets per page
    public void Row_ZohoReadOfAMappingWithManyFields_PagesTimesFieldSets(int fields, long minimum)
    {
        var yaml = "mapping: wide\nsource: { system: zoho, entity: Cases }\ntarget: { system: erp, entity: cases }\nkey: { source: id, target: externalId }\n" +
            "version: Modified_Time\nfields:\n" + string.Concat(Enumerable.Range(0, fields).Select(i => $"  f{i}: {{ from: Field_{i} }}\n"));
        var mappings = MappingLoader.LoadText(yaml).GetSetOrThrow();
        var limits = new DemoApiLimits(200, 100) { MaxFieldsPerRead = 50 };

        var row = DemoEconomy.Row("CRM → ERP", "zoho", "read", limits, mappings.Routes, new Dictionary<string, int> { ["Cases"] = 1000 }, 0, NoCalls, mappings);

        Assert.Equal(minimum, row.Minimum); // ⌈1,000 / 200⌉ × ⌈fields / 50⌉
    }

    [Fact]
    public void Row_SourcePagesOfEchoes_ReportedApartFromTheRecordDrivenReads()
    {
        var phase = new DemoCallCounts(new Dictionary<(string, DemoCallKind), long>
        {
            [("dataverse", DemoCallKind.ChangeRead)] = 4, [("dataverse", DemoCallKind.LineRead)] = 1, [("dataverse", DemoCallKind.EchoRead)] = 6,
        });

        var row = DemoEconomy.Row("CRM → ERP", "dataverse", "read", new DemoApiLimits(5000, 1000), [Route("accounts")], new Dictionary<string, int> { ["accounts"] = 10 }, 11, phase);

        Assert.Equal(6, row.EchoReads);
        Assert.Equal(5, row.RecordDriven);
    }

    private static SyncRoute Route(string entity, bool status = false) => new()
    {
        Name = entity, SourceSystem = "dataverse", SourceEntity = entity, TargetSystem = "erp", TargetEntity = entity, SourceKeyField = "id", TargetKeyField = "externalId",
        SyncStatus = status ? new SyncStatusFields { Status = "crmb_syncstatus" } : null,
    };
}
