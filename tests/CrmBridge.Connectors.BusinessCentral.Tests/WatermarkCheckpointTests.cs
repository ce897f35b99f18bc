namespace CrmBridge.Connectors.BusinessCentral.Tests;

public sealed class WatermarkCheckpointTests
{
    [Fact]
    public void ToString_FullSeenSet_RoundTripsAndStaysSmall()
    {
        var start = new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);
        var seen = Enumerable.Range(0, WatermarkCheckpoint.MaxSeen).Select(i => WatermarkCheckpoint.Entry(Guid.NewGuid().ToString(), start.AddMilliseconds(i))).ToList();
        var checkpoint = new WatermarkCheckpoint { Watermark = start.AddSeconds(5), Seen = seen, Next = "companies(x)/customers?$skiptoken=abc" };

        var text = checkpoint.ToString();
        var parsed = WatermarkCheckpoint.Parse(text)!;

        Assert.InRange(text.Length, 1, 100_000);
        Assert.Equal(seen, parsed.Seen);
        Assert.Equal(checkpoint.Watermark, parsed.Watermark);
        Assert.Equal(checkpoint.Next, parsed.Next);
        Assert.Empty(parsed.PollSeen);
    }

    [Theory]
    [InlineData("ct:https://org.crm.dynamics.com/api/data/v9.2/accounts?$deltatoken=1")]
    [InlineData("bc1:{not json")]
    public void Parse_ForeignText_IsNull(string text) => Assert.Null(WatermarkCheckpoint.Parse(text));

    [Fact]
    public void Prune_KeepsEntriesInTheWindowNewestLast()
    {
        var t = new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);
        var old = WatermarkCheckpoint.Entry("a", t);
        var recent = WatermarkCheckpoint.Entry("b", t.AddMinutes(3));
        var newest = WatermarkCheckpoint.Entry("c", t.AddMinutes(4));

        Assert.Equal([recent, newest], WatermarkCheckpoint.Prune([newest, old, recent, recent], t.AddMinutes(2)));
    }
}
