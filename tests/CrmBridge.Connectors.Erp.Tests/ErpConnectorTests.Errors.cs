using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Erp;
using CrmBridge.Sandbox.Hosting;
using Xunit;

namespace CrmBridge.Connectors.Erp.Tests;

/// <summary>Failure classification over real HTTP: auth, dropped connections, timeouts, throttling, unreachable ERP.</summary>
public sealed partial class ErpConnectorTests
{
    [Fact]
    public async Task UpsertAsync_WrongApiKey_ThrowsPermanentNamingTheSetting()
    {
        await using var services = ErpTestServices.Build(fixture.Sandbox.BaseAddress, "wrong-key");
        var connector = (IConnector)services.GetService(typeof(IErpConnector))!;

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.UpsertAsync(
            new UpsertRequest(ErpEntities.Customers, "externalId", ErpTestServices.NewKey(), new JsonObject { ["name"] = "Auth" }), CancellationToken.None));

        Assert.Equal(ErrorKind.Permanent, error.Kind);
        Assert.Equal(401, error.HttpStatus);
        Assert.Equal("UNAUTHORIZED", error.ErrorCode);
        Assert.Contains("Connectors:Erp:ApiKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_DroppedConnection_ThrowsTransient()
    {
        fixture.Sandbox.Faults.FailNext(1, SandboxFaultKind.DropConnection);
        try
        {
            var error = await Assert.ThrowsAsync<ConnectorException>(() => Connector.GetAsync(ErpEntities.Customers, "C-000001", CancellationToken.None));

            Assert.Equal(ErrorKind.Transient, error.Kind);
            Assert.Equal("NETWORK", error.ErrorCode);
            Assert.True(error.IsRetryable);
        }
        finally
        {
            fixture.Sandbox.Faults.Clear();
        }
    }

    [Fact]
    public async Task UpsertAsync_Throttled_ThrowsThrottledWithTheErpsRetryAfter()
    {
        fixture.Sandbox.Faults.FailNext(1, SandboxFaultKind.Throttle, TimeSpan.FromSeconds(12));
        try
        {
            var error = await Assert.ThrowsAsync<ConnectorException>(() => Connector.UpsertAsync(
                new UpsertRequest(ErpEntities.Customers, "externalId", ErpTestServices.NewKey(), new JsonObject { ["name"] = "T" }), CancellationToken.None));

            Assert.Equal(ErrorKind.Throttled, error.Kind);
            Assert.Equal("THROTTLED", error.ErrorCode);
            Assert.Equal(TimeSpan.FromSeconds(12), error.RetryAfter);
        }
        finally
        {
            fixture.Sandbox.Faults.Clear();
        }
    }

    [Fact]
    public async Task GetAsync_SlowerThanTimeout_ThrowsTransientTimeout()
    {
        await using var bed = await ErpTestBed.StartAsync(new Dictionary<string, string?> { ["Timeout"] = "00:00:00.200" });
        bed.Sandbox.Faults.FailNext(1, SandboxFaultKind.Latency, TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => bed.Connector.GetAsync(ErpEntities.Customers, "C-000001", CancellationToken.None));

        Assert.Equal(ErrorKind.Transient, error.Kind);
        Assert.Equal("TIMEOUT", error.ErrorCode);
    }

    [Fact]
    public async Task GetAsync_ErpUnreachable_ThrowsTransient()
    {
        // A port that was just freed on 127.0.0.1: the connection is refused.
        var erp = await ErpSandbox.StartAsync(new ErpSandboxOptions { ApiKey = "gone" });
        var address = erp.BaseAddress;
        await erp.DisposeAsync();
        await using var services = ErpTestServices.Build(address, "gone");
        var connector = (IConnector)services.GetService(typeof(IErpConnector))!;

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.GetAsync(ErpEntities.Customers, "C-000001", CancellationToken.None));

        Assert.Equal(ErrorKind.Transient, error.Kind);
    }

    [Fact]
    public async Task GetAsync_CallerCancels_ThrowsOperationCanceled()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Connector.GetAsync(ErpEntities.Customers, "C-000001", cancel.Token));
    }
}
