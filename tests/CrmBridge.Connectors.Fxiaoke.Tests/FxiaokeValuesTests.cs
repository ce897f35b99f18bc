using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Fxiaoke.Tests;

public sealed class FxiaokeValuesTests
{
    private readonly FxiaokeValues _values = new(new FxiaokeOptions());

    [Fact]
    public void ToWrite_Number_BecomesString() => Assert.Equal("100.01", _values.ToWrite("order_amount", JsonValue.Create(100.01m))!.GetValue<string>());

    [Fact]
    public void ToWrite_IsoDateOnDateField_BecomesEpochMilliseconds() =>
        Assert.Equal(1764237600000L, _values.ToWrite("order_time", JsonValue.Create("2025-11-27T10:00:00Z"))!.GetValue<long>());

    [Fact]
    public void ToWrite_IsoTextOnTextField_StaysText() =>
        Assert.Equal("2025-11-27T10:00:00Z", _values.ToWrite("remark", JsonValue.Create("2025-11-27T10:00:00Z"))!.GetValue<string>());

    [Fact]
    public void ToWrite_OwnerAsString_BecomesArray()
    {
        var owner = Assert.IsType<JsonArray>(_values.ToWrite("owner", JsonValue.Create("1000")));

        Assert.Equal("1000", owner.Single()!.GetValue<string>());
    }

    [Fact]
    public void ToWrite_SelectOptionValue_Unchanged() => Assert.Equal("7", _values.ToWrite("order_status", JsonValue.Create("7"))!.GetValue<string>());
}
