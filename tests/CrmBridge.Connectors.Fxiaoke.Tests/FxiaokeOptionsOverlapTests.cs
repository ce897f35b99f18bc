using System.ComponentModel.DataAnnotations;
using Xunit;

namespace CrmBridge.Connectors.Fxiaoke.Tests;

/// <summary>The open-window overlap of change polls: a negative value would declare the source's current unit closed.</summary>
public sealed class FxiaokeOptionsOverlapTests
{
    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(2, true)]
    [InlineData(7200, false)]
    public void Validate_ChangeDetectionLagSeconds_AcceptsOnlyZeroToOneHour(int seconds, bool valid)
    {
        var options = new FxiaokeOptions { ChangeDetectionLag = TimeSpan.FromSeconds(seconds) };
        var results = new List<ValidationResult>();

        Validator.TryValidateProperty(options.ChangeDetectionLag, new ValidationContext(options) { MemberName = nameof(FxiaokeOptions.ChangeDetectionLag) }, results);

        Assert.Equal(valid, results.Count == 0);
    }
}
