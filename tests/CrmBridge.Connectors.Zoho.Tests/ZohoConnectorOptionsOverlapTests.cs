using System.ComponentModel.DataAnnotations;
using Xunit;

namespace CrmBridge.Connectors.Zoho.Tests;

/// <summary>The open-window overlap of change polls: a negative value would declare the source's current unit closed.</summary>
public sealed class ZohoConnectorOptionsOverlapTests
{
    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(2, true)]
    [InlineData(7200, false)]
    public void Validate_ChangeOverlapSeconds_AcceptsOnlyZeroToOneHour(int seconds, bool valid)
    {
        var options = new ZohoConnectorOptions { ChangeOverlap = TimeSpan.FromSeconds(seconds) };
        var results = new List<ValidationResult>();

        Validator.TryValidateProperty(options.ChangeOverlap, new ValidationContext(options) { MemberName = nameof(ZohoConnectorOptions.ChangeOverlap) }, results);

        Assert.Equal(valid, results.Count == 0);
    }
}
