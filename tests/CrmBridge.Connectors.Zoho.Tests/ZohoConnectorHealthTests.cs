using System.Text.Json.Nodes;
using Xunit;

namespace CrmBridge.Connectors.Zoho.Tests;

/// <summary>Connection health as the Zoho connector feeds it (token provider, handler), over loopback against the sandbox.</summary>
public sealed class ZohoConnectorHealthTests
{
    [Fact]
    public async Task Health_RefreshTokenRevokedThenReauthorized_FailingWithInvalidCodeThenHealthy()
    {
        await using var env = await ZohoTestEnvironment.StartAsync();
        var id = env.Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "Revoked Ltd" });
        await env.Connector.GetAsync("Accounts", id, CancellationToken.None);
        var before = env.Health;

        env.Sandbox.RevokeRefreshToken();
        var error = await Assert.ThrowsAsync<ConnectorException>(() => env.Connector.GetAsync("Accounts", id, CancellationToken.None));
        var revoked = env.Health;
        env.Sandbox.ReauthorizeRefreshToken();
        await env.Connector.GetAsync("Accounts", id, CancellationToken.None);
        var fixedAgain = env.Health;

        Assert.Equal(AuthenticationState.Obtained, before.Authentication);
        Assert.Equal($"{env.Sandbox.ApiDomain} (US data centre)", before.BaseUrl);
        Assert.Equal("invalid_code", error.ErrorCode);
        Assert.Equal(AuthenticationState.Failing, revoked.Authentication);
        Assert.Equal("invalid_code", revoked.AuthenticationReason);
        Assert.NotNull(revoked.AuthenticationFailingSince);
        Assert.StartsWith("zoho: the refresh token was revoked, expired or issued by another data centre (invalid_code from the US data centre", revoked.Problem, StringComparison.Ordinal);
        Assert.EndsWith("set Connectors:Zoho:RefreshToken (and Connectors:Zoho:DataCenter).", revoked.Problem, StringComparison.Ordinal);
        Assert.Equal(AuthenticationState.Obtained, fixedAgain.Authentication);
        Assert.Null(fixedAgain.Problem);
        Assert.Null(fixedAgain.AuthenticationFailingSince);
    }

    [Fact]
    public async Task Health_WrongClientForTheDataCentre_SaysCheckDataCentre()
    {
        await using var env = await ZohoTestEnvironment.StartAsync(connector: o => o.ClientId = "1000.REGISTERED-IN-EU");

        await Assert.ThrowsAsync<ConnectorException>(() => env.Connector.GetAsync("Accounts", "1", CancellationToken.None));

        var health = env.Health;
        Assert.Equal("invalid_client", health.AuthenticationReason);
        Assert.StartsWith("zoho: the US data centre (", health.Problem, StringComparison.Ordinal);
        Assert.Contains("does not know this client (invalid_client): check Connectors:Zoho:DataCenter is where the client was registered", health.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_ApiThrottles_CountsThe429s()
    {
        await using var env = await ZohoTestEnvironment.StartAsync();
        var id = env.Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "Busy Ltd" });
        await env.Connector.GetAsync("Accounts", id, CancellationToken.None);
        env.Sandbox.Faults.FailNext(3, CrmBridge.Sandbox.Hosting.SandboxFaultKind.Throttle, TimeSpan.FromSeconds(1));

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<ConnectorException>(() => env.Connector.GetAsync("Accounts", id, CancellationToken.None));
        }

        Assert.Equal(3, env.Health.ThrottledLastHour);
    }
}
