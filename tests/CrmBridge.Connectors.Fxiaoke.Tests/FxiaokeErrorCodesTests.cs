namespace CrmBridge.Connectors.Fxiaoke.Tests;

public sealed class FxiaokeErrorCodesTests
{
    [Theory]
    [InlineData(-1, FxiaokeErrorClass.Transient)]
    [InlineData(-2, FxiaokeErrorClass.Transient)]
    [InlineData(50009, FxiaokeErrorClass.Transient)]
    [InlineData(20016, FxiaokeErrorClass.TokenExpired)]
    [InlineData(20005, FxiaokeErrorClass.TokenExpired)]
    [InlineData(11014, FxiaokeErrorClass.TokenExpired)]
    [InlineData(14001, FxiaokeErrorClass.Throttled)]
    [InlineData(30004, FxiaokeErrorClass.Throttled)]
    [InlineData(30002, FxiaokeErrorClass.QuotaExhausted)]
    [InlineData(30003, FxiaokeErrorClass.QuotaExhausted)]
    [InlineData(320001404, FxiaokeErrorClass.NotFound)]
    [InlineData(32000, FxiaokeErrorClass.Permanent)]
    [InlineData(15002, FxiaokeErrorClass.Permanent)]
    [InlineData(20006, FxiaokeErrorClass.Permanent)]
    [InlineData(20017, FxiaokeErrorClass.Permanent)]
    [InlineData(10013, FxiaokeErrorClass.Permanent)]
    [InlineData(987654, FxiaokeErrorClass.Permanent)]
    public void Classify_KnownAndUnknownCodes_MapsToClass(int code, FxiaokeErrorClass expected) =>
        Assert.Equal(expected, FxiaokeErrorCodes.Classify(code));
}
