using Azure.Identity;
using CrmBridge.Functions.Telemetry;
using Xunit;

namespace CrmBridge.Functions.Tests;

/// <summary>Application Insights authentication: Entra (managed identity) when the authentication string says AAD.</summary>
public sealed class TelemetrySetupTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Authorization=Key")]
    public void EntraCredential_NoAadAuthentication_ReturnsNull(string? authentication) =>
        Assert.Null(TelemetrySetup.EntraCredential(authentication));

    [Theory]
    [InlineData("Authorization=AAD")]
    [InlineData("Authorization=AAD;ClientId=00000000-0000-0000-0000-000000000001")]
    public void EntraCredential_Aad_ReturnsManagedIdentityCredential(string authentication) =>
        Assert.IsType<ManagedIdentityCredential>(TelemetrySetup.EntraCredential(authentication));
}
