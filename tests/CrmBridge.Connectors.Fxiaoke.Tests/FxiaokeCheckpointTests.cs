namespace CrmBridge.Connectors.Fxiaoke.Tests;

public sealed class FxiaokeCheckpointTests
{
    [Theory]
    [InlineData(1718000000000L, false, null, null)]
    [InlineData(1717999999000L, true, 1718000000000L, null)]
    [InlineData(1718000000000L, false, 1718000000000L, "6033941cc415b10001c4adc9")]
    public void Parse_RoundTrip_GivesSameCheckpoint(long floor, bool open, long? cursor, string? afterId)
    {
        var checkpoint = new FxiaokeCheckpoint(floor, open, cursor, afterId);

        Assert.Equal(checkpoint, FxiaokeCheckpoint.Parse(checkpoint.ToString()));
    }

    [Theory]
    [InlineData("v1:1718000000000")]
    [InlineData("v1:1718000000000:6033941cc415b10001c4adc9")]
    public void Parse_VersionOne_ResumesFromItsTimeInclusive(string text) =>
        Assert.Equal(new FxiaokeCheckpoint(1718000000000L, false, null, null), FxiaokeCheckpoint.Parse(text));

    [Fact]
    public void Parse_Null_IsInitial() => Assert.Equal(FxiaokeCheckpoint.Initial, FxiaokeCheckpoint.Parse(null));

    [Fact]
    public void Parse_ForeignText_ThrowsFormatException() => Assert.Throws<FormatException>(() => FxiaokeCheckpoint.Parse("deltatoken=abc"));
}
