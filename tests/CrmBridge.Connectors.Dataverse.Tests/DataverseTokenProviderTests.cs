using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrmBridge.Connectors.Dataverse.Tests;

/// <summary>Token caching, renewal before expiry and refresh on 401, over real HTTP against the sandbox token endpoint.</summary>
public sealed class DataverseTokenProviderTests
{
    [Fact]
    public async Task GetTokenAsync_SeveralCalls_RequestsOneToken()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        var (connector, services) = DataverseTestHost.Build(sandbox);
        await using var _ = services;
        var id = sandbox.Create("accounts", new JsonObject { ["name"] = "Token A" });

        for (var i = 0; i < 3; i++)
        {
            Assert.NotNull(await connector.GetAsync("accounts", id.ToString(), CancellationToken.None));
        }

        Assert.Equal(1, sandbox.TokensIssued);
    }

    [Fact]
    public async Task GetTokenAsync_NearExpiry_RenewsBeforeTheTokenExpires()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-27T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var sandbox = await DataverseTestHost.StartAsync(o => o.TimeProvider = time);
        var (connector, services) = DataverseTestHost.Build(sandbox, time: time);
        await using var _ = services;
        var id = sandbox.Create("accounts", new JsonObject { ["name"] = "Token B" }).ToString();

        await connector.GetAsync("accounts", id, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(50));
        await connector.GetAsync("accounts", id, CancellationToken.None);
        Assert.Equal(1, sandbox.TokensIssued);

        time.Advance(TimeSpan.FromMinutes(6)); // inside the 5 minute margin before the 1 h lifetime ends
        await connector.GetAsync("accounts", id, CancellationToken.None);
        Assert.Equal(2, sandbox.TokensIssued);
    }

    [Fact]
    public async Task SendAsync_TokenRejectedWith401_RefreshesOnceAndSucceeds()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        var (connector, services) = DataverseTestHost.Build(sandbox);
        await using var _ = services;
        var id = sandbox.Create("accounts", new JsonObject { ["name"] = "Token C" }).ToString();
        await connector.GetAsync("accounts", id, CancellationToken.None);

        sandbox.RevokeTokens();
        var read = await connector.GetAsync("accounts", id, CancellationToken.None);

        Assert.Equal("Token C", read?.Data["name"]?.GetValue<string>());
        Assert.Equal(2, sandbox.TokensIssued);
    }

    [Fact]
    public async Task GetTokenAsync_WrongSecret_ThrowsPermanentAuthFailed()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        var (connector, services) = DataverseTestHost.Build(sandbox, o => o.ClientSecret = "wrong");
        await using var _ = services;

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.GetAsync("accounts", Guid.NewGuid().ToString(), CancellationToken.None));

        Assert.Equal(ErrorKind.Permanent, error.Kind);
        Assert.Equal("AUTH_FAILED", error.ErrorCode);
        Assert.DoesNotContain("wrong", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientSecretCredential_HttpAuthorityHost_IsRefusedWhichIsWhyTestsUseTheTokenEndpointMode()
    {
        // Documents the reason for DataverseAuthMode.TokenEndpoint: Azure.Identity refuses a non-TLS authority host,
        // so the production credential cannot be pointed at the loopback emulator.
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(async () =>
        {
            var credential = new ClientSecretCredential("tenant", "client", "secret", new ClientSecretCredentialOptions { AuthorityHost = new Uri("http://127.0.0.1:9/") });
            await credential.GetTokenAsync(new TokenRequestContext(["http://127.0.0.1:9/.default"]), CancellationToken.None);
        });

        Assert.Contains("https", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
