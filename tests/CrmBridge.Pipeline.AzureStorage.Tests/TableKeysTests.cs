using Xunit;

namespace CrmBridge.Pipeline.AzureStorage.Tests;

public sealed class TableKeysTests
{
    [Theory]
    [InlineData("a/b", "a~2Fb")]
    [InlineData("a\\b#c?d", "a~5Cb~23c~3Fd")]
    [InlineData("tab\there\u0085", "tab~09here~85")]
    [InlineData("~|'%", "~7E~7C~27~25")]
    [InlineData("Sales_Orders 纷享", "Sales_Orders 纷享")]
    public void Of_ForbiddenCharacters_AreEscaped(string value, string expected)
    {
        Assert.Equal(expected, TableKeys.Of(value));
    }

    [Fact]
    public void Of_PartsContainingTheSeparator_StayDistinct()
    {
        Assert.NotEqual(TableKeys.Of("a|b", "c"), TableKeys.Of("a", "b|c"));
        Assert.Equal("a|b", TableKeys.Of("a", "b"));
    }

    [Fact]
    public void Of_VeryLongValue_IsHashedBelowTheServiceLimit()
    {
        var first = TableKeys.Of(new string('x', 2000));
        var second = TableKeys.Of(new string('x', 1999) + "y");

        Assert.StartsWith("~h", first);
        Assert.True(first.Length < 1024);
        Assert.NotEqual(first, second);
    }
}
