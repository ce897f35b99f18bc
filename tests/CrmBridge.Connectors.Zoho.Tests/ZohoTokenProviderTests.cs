using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrmBridge.Connectors.Zoho.Tests;

public sealed class ZohoTokenProviderTests
{
    [Fact]
    public async Task GetAsync_TwentyConcurrentCallers_SendOneTokenRequest()
    {
        await using var env = await ZohoTestEnvironment.StartAsync();

        var tokens = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(async () => await env.Tokens.GetAsync(CancellationToken.None))));

        Assert.Equal(1, env.Sandbox.TokenRequests);
        Assert.Single(tokens.Select(t => t.Value).Distinct());
        Assert.Equal(env.Sandbox.ApiDomain, tokens[0].ApiDomain);
    }

    [Fact]
    public async Task GetAsync_ConcurrentCallsAfterTokenExpiry_RefreshOnceAndAllSucceed()
    {
        await using var env = await ZohoTestEnvironment.StartAsync();
        var id = env.Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "Expiry Ltd" });
        Assert.NotNull(await env.Connector.GetAsync("Accounts", id, CancellationToken.None));
        Assert.Equal(1, env.Sandbox.TokenRequests);

        env.Sandbox.ExpireAccessTokens();
        var reads = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => env.Connector.GetAsync("Accounts", id, CancellationToken.None))));

        Assert.All(reads, r => Assert.Equal(id, r?.Id));
        Assert.Equal(2, env.Sandbox.TokenRequests);
    }

    [Fact]
    public async Task GetAsync_CachedTokenNearExpiry_RefreshesOnlyWithinTheMargin()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var env = await ZohoTestEnvironment.StartAsync(connectorTime: clock);

        await env.Tokens.GetAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(54));
        await env.Tokens.GetAsync(CancellationToken.None);
        Assert.Equal(1, env.Sandbox.TokenRequests);

        clock.Advance(TimeSpan.FromMinutes(2));
        await env.Tokens.GetAsync(CancellationToken.None);

        Assert.Equal(2, env.Sandbox.TokenRequests);
    }

    [Fact]
    public async Task GetAsync_WrongClientSecret_ThrowsPermanentWithZohoError()
    {
        await using var env = await ZohoTestEnvironment.StartAsync(connector: o => o.ClientSecret = "not-the-secret");

        var error = await Assert.ThrowsAsync<ConnectorException>(() => env.Connector.GetAsync("Accounts", "1", CancellationToken.None));

        Assert.Equal(ErrorKind.Permanent, error.Kind);
        Assert.Equal("invalid_client", error.ErrorCode);
        Assert.DoesNotContain("not-the-secret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ZohoDataCenter.US, "https://accounts.zoho.com/oauth/v2/token")]
    [InlineData(ZohoDataCenter.EU, "https://accounts.zoho.eu/oauth/v2/token")]
    [InlineData(ZohoDataCenter.IN, "https://accounts.zoho.in/oauth/v2/token")]
    [InlineData(ZohoDataCenter.AU, "https://accounts.zoho.com.au/oauth/v2/token")]
    [InlineData(ZohoDataCenter.JP, "https://accounts.zoho.jp/oauth/v2/token")]
    [InlineData(ZohoDataCenter.CN, "https://accounts.zoho.com.cn/oauth/v2/token")]
    [InlineData(ZohoDataCenter.CA, "https://accounts.zohocloud.ca/oauth/v2/token")]
    [InlineData(ZohoDataCenter.SA, "https://accounts.zoho.sa/oauth/v2/token")]
    [InlineData(ZohoDataCenter.UK, "https://accounts.zoho.uk/oauth/v2/token")]
    public void TokenEndpoint_DataCenter_ResolvesItsAccountsServer(ZohoDataCenter dataCenter, string expected)
    {
        var endpoint = ZohoDataCenters.TokenEndpoint(new ZohoConnectorOptions { DataCenter = dataCenter });

        Assert.Equal(expected, endpoint.ToString());
    }

    [Fact]
    public void TokenEndpoint_ExplicitAccountsUrl_OverridesTheDataCenter()
    {
        var endpoint = ZohoDataCenters.TokenEndpoint(new ZohoConnectorOptions { DataCenter = ZohoDataCenter.CN, AccountsUrl = new Uri("http://127.0.0.1:5000/zoho") });

        Assert.Equal("http://127.0.0.1:5000/zoho/oauth/v2/token", endpoint.ToString());
    }
}
