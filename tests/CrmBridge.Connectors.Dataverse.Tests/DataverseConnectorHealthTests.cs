using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrmBridge.Connectors.Dataverse.Tests;

/// <summary>Connection health as the Dataverse connector feeds it (handler, token cache, delta links), over loopback against the sandbox.</summary>
public sealed class DataverseConnectorHealthTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-28T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Health_ClientSecretRevokedThenRestored_FailingWithAadstsCodeAndOneLineThenObtained()
    {
        var options = new CrmBridge.Sandbox.Dataverse.DataverseSandboxOptions { TimeProvider = _time };
        await using var sandbox = await CrmBridge.Sandbox.Dataverse.DataverseSandbox.StartAsync(options, CancellationToken.None);
        var (connector, services) = DataverseTestHost.Build(sandbox, time: _time);
        await using var _ = services;
        var id = sandbox.Create("accounts", new JsonObject { ["name"] = "Health A" }).ToString();
        await connector.GetAsync("accounts", id, CancellationToken.None);

        options.ClientSecret = "rotated-by-an-admin"; // our secret no longer matches: Entra answers AADSTS7000215
        sandbox.RevokeTokens();
        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.GetAsync("accounts", id, CancellationToken.None));
        var bad = Health(services);
        options.ClientSecret = "sandbox-secret";
        await connector.GetAsync("accounts", id, CancellationToken.None);
        var good = Health(services);

        Assert.Equal("AUTH_FAILED", error.ErrorCode);
        Assert.Equal(AuthenticationState.Failing, bad.Authentication);
        Assert.Equal("AADSTS7000215", bad.AuthenticationReason);
        Assert.Equal(_time.GetUtcNow(), bad.AuthenticationFailingSince);
        Assert.Equal("dataverse: Entra ID refuses the client secret (AADSTS7000215: wrong or expired): create a new secret for the app registration and set Connectors:Dataverse:ClientSecret.", bad.Problem);
        Assert.Equal(sandbox.BaseAddress.ToString(), bad.BaseUrl);
        Assert.Equal(AuthenticationState.Obtained, good.Authentication);
        Assert.Null(good.Problem);
        Assert.True(good.TokenExpiresAt > _time.GetUtcNow());
    }

    [Fact]
    public async Task Health_ServiceProtection429Storm_CountAndQuotaVisibleThenDecayAfterAnHour()
    {
        await using var sandbox = await DataverseTestHost.StartAsync(o =>
        {
            o.TimeProvider = _time;
            o.RequestsPerWindow = 3;
        });
        var (connector, services) = DataverseTestHost.Build(sandbox, time: _time);
        await using var _ = services;
        var id = sandbox.Create("accounts", new JsonObject { ["name"] = "Storm" }).ToString();

        var throttled = 0;
        for (var i = 0; i < 10; i++)
        {
            try
            {
                await connector.GetAsync("accounts", id, CancellationToken.None);
            }
            catch (ConnectorException ex) when (ex.Kind == ErrorKind.Throttled)
            {
                throttled++;
            }
        }

        var storm = Health(services);
        _time.Advance(TimeSpan.FromMinutes(61));
        await connector.GetAsync("accounts", id, CancellationToken.None);
        var calm = Health(services);

        Assert.Equal(7, throttled);
        Assert.Equal(7, storm.ThrottledLastHour);
        Assert.Equal("HTTP_429", storm.LastErrorCode);
        Assert.Equal("0 requests left in the 5-minute window", storm.QuotaRemaining);
        Assert.Equal(0, calm.ThrottledLastHour);
        Assert.Equal("2 requests left in the 5-minute window", calm.QuotaRemaining);
    }

    [Fact]
    public async Task Health_DeltaLinkFollowed_RecordsTokenIssueTimeAndExpiry()
    {
        await using var sandbox = await DataverseTestHost.StartAsync(o => o.TimeProvider = _time);
        var (connector, services) = DataverseTestHost.Build(sandbox, time: _time);
        await using var _ = services;
        sandbox.Create("accounts", new JsonObject { ["name"] = "Tracked" });

        await DataverseTestHost.DrainAsync(connector, "accounts", null);

        var token = Assert.Single(Health(services).ChangeTokens);
        Assert.Equal("accounts", token.Entity);
        Assert.Equal(_time.GetUtcNow(), token.IssuedAt);
        Assert.Equal(_time.GetUtcNow().AddDays(7), token.ExpiresAt);
    }

    private static ConnectorHealth Health(ServiceProvider services) =>
        services.GetRequiredService<ConnectionHealthRegistry>().For("dataverse").Snapshot();
}
