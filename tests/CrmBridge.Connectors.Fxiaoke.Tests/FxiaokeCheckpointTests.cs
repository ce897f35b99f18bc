namespace CrmBridge.Connectors.Fxiaoke.Tests;

public sealed class FxiaokeCheckpointTests
{
    [Theory]
    [InlineData(1718000000000L, null)]
    [InlineData(1718000000000L, "6033941cc415b10001c4adc9")]
    public void Parse_RoundTrip_GivesSameCheckpoint(long time, string? afterId)
    {
        var checkpoint = new FxiaokeCheckpoint(time, afterId);

        Assert.Equal(checkpoint, FxiaokeCheckpoint.Parse(checkpoint.ToString()));
    }

    [Fact]
    public void Parse_Null_IsInitial() => Assert.Equal(FxiaokeCheckpoint.Initial, FxiaokeCheckpoint.Parse(null));

    [Fact]
    public void Parse_ForeignText_ThrowsFormatException() => Assert.Throws<FormatException>(() => FxiaokeCheckpoint.Parse("deltatoken=abc"));
}
