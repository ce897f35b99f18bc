using System.ComponentModel.DataAnnotations;
using Xunit;

namespace CrmBridge.Connectors.Zoho.Tests;

/// <summary>Options rules that follow Zoho's own (token length) and keep secrets off plain HTTP.</summary>
public sealed class ZohoConnectorOptionsTests
{
    private static List<ValidationResult> Validate(ZohoConnectorOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    private static ZohoConnectorOptions Valid() => new() { ClientId = "c", ClientSecret = "s", RefreshToken = "r" };

    [Theory]
    [InlineData(8, true)]
    [InlineData(50, true)]
    [InlineData(51, false)]
    public void Validate_NotificationTokenLength_OnlyZohosFiftyCharacterMaximum(int length, bool valid)
    {
        var options = Valid();
        options.NotificationToken = new string('t', length);

        Assert.Equal(valid, Validate(options).Count == 0);
    }

    [Theory]
    [InlineData("http://accounts.example.com/", false)]
    [InlineData("https://accounts.zoho.eu/", true)]
    [InlineData("http://127.0.0.1:8080/", true)]
    public void Validate_AccountsUrl_RequiresHttpsExceptLoopback(string url, bool valid)
    {
        var options = Valid();
        options.AccountsUrl = new Uri(url);

        var results = Validate(options);

        Assert.Equal(valid, results.Count == 0);
        if (!valid)
        {
            Assert.Contains("Connectors:Zoho:AccountsUrl must be an https URL", Assert.Single(results).ErrorMessage, StringComparison.Ordinal);
        }
    }
}
