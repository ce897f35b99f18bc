using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace CrmBridge.Connectors.Dataverse.Tests;

/// <summary>The token endpoint receives the client secret: HTTPS, or plain HTTP to loopback only.</summary>
public sealed class DataverseOptionsSecureUrlTests
{
    [Theory]
    [InlineData("http://login.example.com/tenant/oauth2/v2.0/token", false)]
    [InlineData("https://login.example.com/tenant/oauth2/v2.0/token", true)]
    [InlineData("http://127.0.0.1:5000/tenant/oauth2/v2.0/token", true)]
    public void Resolve_TokenEndpoint_RequiresHttpsExceptLoopback(string endpoint, bool valid)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCrmBridgeDataverseConnector(configure: o =>
        {
            o.EnvironmentUrl = new Uri("https://contoso.crm.dynamics.com/");
            o.AuthMode = DataverseAuthMode.TokenEndpoint;
            o.TokenEndpoint = new Uri(endpoint);
            o.ClientId = "c";
            o.ClientSecret = "s";
        });
        using var provider = services.BuildServiceProvider();

        var error = Record.Exception(() => provider.GetRequiredService<IOptions<DataverseOptions>>().Value);

        Assert.Equal(valid, error is null);
        if (!valid)
        {
            Assert.Contains("Connectors:Dataverse:TokenEndpoint must be an https URL", Assert.IsType<OptionsValidationException>(error).Message, StringComparison.Ordinal);
        }
    }
}
