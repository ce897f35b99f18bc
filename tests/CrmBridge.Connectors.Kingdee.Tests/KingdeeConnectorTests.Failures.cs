using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Kingdee;
using Xunit;

namespace CrmBridge.Connectors.Kingdee.Tests;

/// <summary>Sessions, throttling and network-control conflicts.</summary>
public sealed class KingdeeConnectorFailureTests
{
    [Fact]
    public async Task UpsertBatchAsync_SessionLostMidBatch_LogsInAgainOnceAndSavesEverything()
    {
        await using var bed = await KingdeeTestBed.StartAsync(new Dictionary<string, string?> { ["BatchSize"] = "2" });
        await bed.CustomerAsync("Warm-up");
        var before = bed.Sandbox.LoginCount;
        var requests = Enumerable.Range(1, 6)
            .Select(i => new UpsertRequest("BD_Customer", "F_CRM_Id", $"MID-{i}", new JsonObject { ["FName"] = $"Customer {i}" }))
            .ToList();
        bed.Sandbox.ExpireSessionsAfterCalls(4); // the second chunk finds the session gone

        var results = await bed.Connector.UpsertBatchAsync(requests, CancellationToken.None);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.Message));
        Assert.Equal(before + 1, bed.Sandbox.LoginCount);
        Assert.Equal(2, bed.ConnectorLogins);
        Assert.Equal(7, bed.Sandbox.Count("BD_Customer"));
    }

    [Fact]
    public async Task GetAsync_SessionLostTwiceInARow_ReLogsInOnlyOnceThenThrowsTransient()
    {
        await using var bed = await KingdeeTestBed.StartAsync();
        var customer = await bed.CustomerAsync();
        bed.Sandbox.FailNextWithMsgCode(2, KingdeeSandbox.MsgCodeSessionLost);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => bed.Connector.GetAsync("BD_Customer", customer, CancellationToken.None));

        Assert.Equal(ErrorKind.Transient, error.Kind);
        Assert.Equal("K3_MSG_1", error.ErrorCode);
        Assert.Equal(2, bed.ConnectorLogins);
        Assert.NotNull(await bed.Connector.GetAsync("BD_Customer", customer, CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_ManyConcurrentFirstCallers_ShareOneLogin()
    {
        await using var bed = await KingdeeTestBed.StartAsync();

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => bed.Connector.GetAsync("BD_Customer", $"CUST{i:D6}", CancellationToken.None)));

        Assert.Equal(1, bed.Sandbox.LoginCount);
        Assert.Equal(1, bed.ConnectorLogins);
    }

    [Fact]
    public async Task UpsertAsync_CallLimitMsgCode14_ThrowsThrottledWithConfiguredDelay()
    {
        await using var bed = await KingdeeTestBed.StartAsync(new Dictionary<string, string?> { ["ThrottleDelay"] = "00:00:45" });
        bed.Sandbox.FailNextWithMsgCode(1, KingdeeSandbox.MsgCodeCallLimit);

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            bed.Connector.UpsertAsync(new UpsertRequest("BD_Customer", "F_CRM_Id", "TH-1", new JsonObject { ["FName"] = "Throttled" }), CancellationToken.None));

        Assert.Equal(ErrorKind.Throttled, error.Kind);
        Assert.Equal("K3_MSG_14", error.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(45), error.RetryAfter);
        Assert.Equal(0, bed.Sandbox.Count("BD_Customer"));
    }

    [Fact]
    public async Task UpsertAsync_NetworkControlConflictOnce_IsRetriedAndSucceeds()
    {
        await using var bed = await KingdeeTestBed.StartAsync();
        var customer = await bed.CustomerAsync();
        bed.Sandbox.FailNextWithMsgCode(1, KingdeeSandbox.MsgCodeNetworkControl);

        var result = await bed.UpsertOrderAsync("NC-1", KingdeeTestBed.Order(customer, ("M-001", 1)));

        Assert.True(result.Created);
        Assert.Equal(1, bed.Sandbox.Count("SAL_SaleOrder"));
    }

    [Fact]
    public async Task UpsertAsync_NetworkControlConflictPersists_ThrowsTransient()
    {
        await using var bed = await KingdeeTestBed.StartAsync(new Dictionary<string, string?> { ["NetworkControlRetries"] = "2" });
        var customer = await bed.CustomerAsync();
        bed.Sandbox.FailNextWithMsgCode(3, KingdeeSandbox.MsgCodeNetworkControl);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => bed.UpsertOrderAsync("NC-2", KingdeeTestBed.Order(customer, ("M-001", 1))));

        Assert.Equal(ErrorKind.Transient, error.Kind);
        Assert.Equal("K3_MSG_13", error.ErrorCode);
        Assert.Contains("network-control", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertAsync_SignatureHeaderMode_WritesWithoutAnyLogin()
    {
        await using var bed = await KingdeeTestBed.StartAsync(new Dictionary<string, string?> { ["AuthMode"] = "SignatureHeaders" });

        var customer = await bed.CustomerAsync("Signed");

        Assert.NotNull(await bed.Connector.GetAsync("BD_Customer", customer, CancellationToken.None));
        Assert.Equal(0, bed.Sandbox.LoginCount);
    }

    [Fact]
    public async Task UpsertAsync_SignatureHeaderModeWithWrongSecret_ThrowsTransientSessionLost()
    {
        await using var sandbox = await KingdeeTestServices.StartSandboxAsync();
        await using var services = KingdeeTestServices.Build(sandbox, new Dictionary<string, string?> { ["AuthMode"] = "SignatureHeaders", ["AppSecret"] = "wrong" });
        var connector = (IErpConnector)services.GetService(typeof(IErpConnector))!;

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.GetAsync("BD_Customer", "CUST000001", CancellationToken.None));

        Assert.Equal("K3_MSG_1", error.ErrorCode);
    }

    [Fact]
    public async Task GetAsync_LoginBySign_SignsInOnce()
    {
        await using var bed = await KingdeeTestBed.StartAsync(new Dictionary<string, string?> { ["AuthMode"] = "Sign" });

        var customer = await bed.CustomerAsync("By sign");

        Assert.NotNull(await bed.Connector.GetAsync("BD_Customer", customer, CancellationToken.None));
        Assert.Equal(1, bed.Sandbox.LoginCount);
    }

    [Theory]
    [InlineData("AcctId", "K3_LOGIN", "AcctId")]
    [InlineData("AppSecret", "K3_LOGIN", "AppSecret")]
    public async Task GetAsync_WrongCredentials_ThrowsPermanentLoginErrorNamingTheSettings(string setting, string code, string named)
    {
        await using var sandbox = await KingdeeTestServices.StartSandboxAsync();
        await using var services = KingdeeTestServices.Build(sandbox, new Dictionary<string, string?> { [setting] = "wrong" });
        var connector = (IErpConnector)services.GetService(typeof(IErpConnector))!;

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.GetAsync("BD_Customer", "CUST000001", CancellationToken.None));

        Assert.Equal(ErrorKind.Permanent, error.Kind);
        Assert.Equal(code, error.ErrorCode);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
