using System.ComponentModel.DataAnnotations;
using Xunit;

namespace CrmBridge.Connectors.Dataverse.Tests;

/// <summary>The open-window overlap of change polls: a negative value would declare the source's current unit closed.</summary>
public sealed class DataverseOptionsOverlapTests
{
    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(2, true)]
    [InlineData(7200, false)]
    public void Validate_WatermarkLagSeconds_AcceptsOnlyZeroToOneHour(int seconds, bool valid)
    {
        var options = new DataverseOptions { WatermarkLag = TimeSpan.FromSeconds(seconds) };
        var results = new List<ValidationResult>();

        Validator.TryValidateProperty(options.WatermarkLag, new ValidationContext(options) { MemberName = nameof(DataverseOptions.WatermarkLag) }, results);

        Assert.Equal(valid, results.Count == 0);
    }
}
