using Xunit;

namespace CrmBridge.Connectors.Zoho.Tests;

public sealed class ZohoKnownVersionsTests
{
    private static readonly DateTimeOffset Second = new(2026, 11, 28, 8, 0, 5, TimeSpan.Zero);

    [Fact]
    public void Parse_PackedSet_KnowsExactlyTheSameIdsAndSeconds()
    {
        var known = new ZohoKnownVersions();
        known.Add("5725767000000100001", Second);
        known.Add("5725767000000100002", Second.AddSeconds(1));

        var parsed = ZohoKnownVersions.Parse(known.Pack());

        Assert.Equal(2, parsed.Count);
        Assert.True(parsed.Contains("5725767000000100001", Second.AddMilliseconds(400))); // Modified_Time is whole seconds
        Assert.False(parsed.Contains("5725767000000100001", Second.AddSeconds(1))); // a later edit
        Assert.False(parsed.Contains("5725767000000100003", Second));
    }

    [Fact]
    public void Add_MoreThanMaxEntriesOrNonNumericIds_KeepsAtMostMaxEntries()
    {
        var known = new ZohoKnownVersions();
        for (var i = 0; i < ZohoKnownVersions.MaxEntries + 10; i++)
        {
            known.Add((5725767000000100000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture), Second);
        }

        known.Add("not-a-zoho-id", Second);

        Assert.Equal(ZohoKnownVersions.MaxEntries, known.Count);
        Assert.False(known.Contains("not-a-zoho-id", Second));
        Assert.Equal(ZohoKnownVersions.MaxEntries * 16, known.Pack()!.Length); // 12 bytes per entry, base64
    }

    [Fact]
    public void DropBefore_Watermark_KeepsTheWatermarksSecondAndLater()
    {
        var known = new ZohoKnownVersions();
        known.Add("1", Second.AddSeconds(-1));
        known.Add("2", Second);
        known.Add("3", Second.AddSeconds(1));

        known.DropBefore(Second);

        Assert.Equal(2, known.Count);
        Assert.False(known.Contains("1", Second.AddSeconds(-1)));
        Assert.True(known.Contains("2", Second));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("%%% not base64 %%%")]
    public void Parse_NothingOrForeignText_KnowsNothing(string? packed)
    {
        Assert.Equal(0, ZohoKnownVersions.Parse(packed).Count);
    }
}
