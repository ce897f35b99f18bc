using System.Text.Json.Nodes;
using Xunit;

namespace CrmBridge.Connectors.Zoho.Tests;

/// <summary>The deleted-records parser on the body Zoho's documentation shows (Fixtures/deleted-records.json).</summary>
public sealed class ZohoDeletedRecordsTests
{
    private static JsonNode Fixture() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "deleted-records.json")))!;

    [Fact]
    public void Parse_DocumentedSample_ReadsBothEntriesWithTypesAndOffsetTimes()
    {
        var page = ZohoDeletedRecords.Parse(Fixture());

        Assert.Equal(["3652397000002045001", "3652397000000199001"], page.Records.Select(r => r.Id));
        Assert.Equal(["recycle", "permanent"], page.Records.Select(r => r.Type));
        Assert.Equal(new DateTimeOffset(2019, 7, 25, 9, 56, 49, TimeSpan.Zero), page.Records[0].DeletedTime);
        Assert.False(page.MoreRecords);
    }

    [Fact]
    public void Parse_V2DocumentationSample_ReadsEntriesWithCapitalisedCreatedByAndOneSharedSecond()
    {
        // Zoho's API comparison page (crm/help/api-diff/getDeletedRecordIds.html): "Created_By" capitalised, two
        // deletions stamped with the same second, "count" 3 though two entries are shown (the page elides the rest).
        var body = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "deleted-records-v2-doc.json")));

        var page = ZohoDeletedRecords.Parse(body);

        Assert.Equal(["1386586000002572002", "1386586000002025064"], page.Records.Select(r => r.Id));
        Assert.All(page.Records, r => Assert.Equal(new DateTimeOffset(2018, 2, 13, 10, 18, 13, TimeSpan.Zero), r.DeletedTime));
        Assert.False(page.MoreRecords);
    }

    [Fact]
    public void Parse_DocumentedSampleWithMoreRecords_SaysThereIsAnotherPage()
    {
        var body = Fixture();
        body["info"]!["more_records"] = true;

        Assert.True(ZohoDeletedRecords.Parse(body).MoreRecords);
    }

    [Fact]
    public void Parse_NoContent_IsAnEmptyLastPage()
    {
        var page = ZohoDeletedRecords.Parse(null);

        Assert.Empty(page.Records);
        Assert.False(page.MoreRecords);
    }

    [Fact]
    public void Parse_EntryWithoutIdOrWithNumericId_SkipsTheFirstKeepsTheSecond()
    {
        var body = JsonNode.Parse("""{"data":[{"type":"recycle"},{"id":3652397000000199001,"deleted_time":null}],"info":{"more_records":false}}""");

        var record = Assert.Single(ZohoDeletedRecords.Parse(body).Records);

        Assert.Equal("3652397000000199001", record.Id);
        Assert.Null(record.DeletedTime);
    }
}
