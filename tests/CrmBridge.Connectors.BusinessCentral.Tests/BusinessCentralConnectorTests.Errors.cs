using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Hosting;

namespace CrmBridge.Connectors.BusinessCentral.Tests;

/// <summary>Stale ETags, company resolution, tokens, throttling and server errors.</summary>
public sealed class BusinessCentralConnectorErrorTests
{
    [Fact]
    public async Task UpsertAsync_StaleETag_RereadsAndRetries()
    {
        await using var sandbox = await BusinessCentralTestHost.StartAsync();
        var (connector, services) = BusinessCentralTestHost.Build(sandbox);
        await using var _ = services;
        var id = sandbox.Create("customers", new JsonObject { ["number"] = "STALE-1", ["displayName"] = "Before" });
        var stale = sandbox.Get("customers", id)!["@odata.etag"]!.GetValue<string>();
        sandbox.Update("customers", id, new JsonObject { ["phoneNumber"] = "+1 555 0100" });

        var result = await connector.UpsertAsync(new UpsertRequest("customers", "number", "STALE-1", new JsonObject { ["displayName"] = "After" }, IfMatch: stale), CancellationToken.None);

        Assert.Equal(id.ToString(), result.Id);
        var stored = sandbox.Get("customers", id)!;
        Assert.Equal("After", stored["displayName"]!.GetValue<string>());
        Assert.Equal("+1 555 0100", stored["phoneNumber"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpsertAsync_CompanyById_ResolvesTheSameCompany()
    {
        await using var sandbox = await BusinessCentralTestHost.StartAsync();
        var (connector, services) = BusinessCentralTestHost.Build(sandbox, o => o.Company = sandbox.CompanyId.ToString());
        await using var _ = services;

        var result = await connector.UpsertAsync(new UpsertRequest("customers", "number", "BYID-1", new JsonObject { ["displayName"] = "By Id" }), CancellationToken.None);

        Assert.NotNull(sandbox.Get("customers", Guid.Parse(result.Id)));
        Assert.Equal(sandbox.CompanyId.ToString(), await connector.CompanyIdAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_UnknownCompany_IsPermanentAndListsTheCompanies()
    {
        await using var sandbox = await BusinessCentralTestHost.StartAsync();
        var (connector, services) = BusinessCentralTestHost.Build(sandbox, o => o.Company = "Nope Ltd");
        await using var _ = services;

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.GetAsync("customers", Guid.NewGuid().ToString(), CancellationToken.None));

        Assert.Equal(ErrorKind.Permanent, error.Kind);
        Assert.Equal("COMPANY_NOT_FOUND", error.ErrorCode);
        Assert.Contains("'CRONUS USA, Inc.'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_RevokedToken_RefreshesOnceAndSucceeds()
    {
        await using var sandbox = await BusinessCentralTestHost.StartAsync();
        var (connector, services) = BusinessCentralTestHost.Build(sandbox);
        await using var _ = services;
        var id = sandbox.Create("customers", new JsonObject { ["displayName"] = "Token" });
        await connector.GetAsync("customers", id.ToString(), CancellationToken.None);
        sandbox.RevokeTokens();

        var read = await connector.GetAsync("customers", id.ToString(), CancellationToken.None);

        Assert.Equal("Token", read!.Data["displayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpsertAsync_WindowExceededAtTheServer_IsThrottledWithBackoff()
    {
        await using var sandbox = await BusinessCentralTestHost.StartAsync(o => o.RequestsPerWindow = 4);
        var (connector, services) = BusinessCentralTestHost.Build(sandbox, o => o.ThrottleBackoff = TimeSpan.FromSeconds(45));
        await using var _ = services;

        var error = await Assert.ThrowsAsync<ConnectorException>(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await connector.UpsertAsync(new UpsertRequest("customers", "number", $"W-{i}", new JsonObject { ["displayName"] = "Window" }), CancellationToken.None);
            }
        });

        Assert.Equal(ErrorKind.Throttled, error.Kind);
        Assert.Equal(429, error.HttpStatus);
        Assert.Equal(TimeSpan.FromSeconds(45), error.RetryAfter); // BC sends no Retry-After with 429
    }

    [Fact]
    public async Task GetAsync_TwoServiceUnavailable_RetriedInlineHonouringRetryAfter()
    {
        await using var sandbox = await BusinessCentralTestHost.StartAsync();
        var (connector, services) = BusinessCentralTestHost.Build(sandbox);
        await using var _ = services;
        var id = sandbox.Create("customers", new JsonObject { ["displayName"] = "Busy" });
        sandbox.Faults.FailNext(2, SandboxFaultKind.ServerError, TimeSpan.FromSeconds(1));

        var read = await connector.GetAsync("customers", id.ToString(), CancellationToken.None);

        Assert.NotNull(read);
    }

    [Fact]
    public async Task GetAsync_RetryAfterLongerThanTheInlineLimit_IsHandedToThePipeline()
    {
        await using var sandbox = await BusinessCentralTestHost.StartAsync();
        var (connector, services) = BusinessCentralTestHost.Build(sandbox);
        await using var _ = services;
        sandbox.Faults.FailNext(1, SandboxFaultKind.ServerError, TimeSpan.FromSeconds(60));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.GetAsync("customers", Guid.NewGuid().ToString(), CancellationToken.None));

        Assert.Equal(ErrorKind.Transient, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(60), error.RetryAfter);
    }

    [Fact]
    public async Task GetAsync_ManyInParallel_NeverMoreThanFiveAtOnce()
    {
        await using var sandbox = await BusinessCentralTestHost.StartAsync(o => { o.RequestDelay = TimeSpan.FromMilliseconds(40); o.MaxConcurrentRequests = 50; });
        var (connector, services) = BusinessCentralTestHost.Build(sandbox);
        await using var _ = services;
        var id = sandbox.Create("customers", new JsonObject { ["displayName"] = "Parallel" });

        await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => connector.GetAsync("customers", id.ToString(), CancellationToken.None)));

        Assert.InRange(sandbox.MaxConcurrentRequestsObserved, 2, 5);
    }

    [Fact]
    public async Task UpsertAsync_ReadOnlyEntity_IsPermanent()
    {
        await using var sandbox = await BusinessCentralTestHost.StartAsync();
        var (connector, services) = BusinessCentralTestHost.Build(sandbox);
        await using var _ = services;

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            connector.UpsertAsync(new UpsertRequest("salesShipments", "number", "S-1", new JsonObject()), CancellationToken.None));

        Assert.Equal("NOT_WRITABLE", error.ErrorCode);
    }
}
