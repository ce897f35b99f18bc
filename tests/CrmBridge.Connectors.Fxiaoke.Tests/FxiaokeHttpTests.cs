using CrmBridge.Sandbox.Hosting;

namespace CrmBridge.Connectors.Fxiaoke.Tests;

/// <summary>Transport failures over real loopback HTTP become transient errors.</summary>
public sealed class FxiaokeHttpTests
{
    [Fact]
    public async Task PostAsync_ConnectionDropped_ThrowsTransientNetwork()
    {
        await using var host = await FxiaokeTestHost.StartAsync();
        host.Sandbox.Faults.FailNext(5, SandboxFaultKind.DropConnection);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => host.Connector.GetAsync("AccountObj", "0000000000000000000000ff", CancellationToken.None));

        Assert.Equal(ErrorKind.Transient, error.Kind);
        Assert.Equal("NETWORK", error.ErrorCode);
    }

    [Fact]
    public async Task PostAsync_SlowerThanTimeout_ThrowsTransientTimeout()
    {
        await using var host = await FxiaokeTestHost.StartAsync(connector: o => o.Timeout = TimeSpan.FromMilliseconds(300));
        host.Sandbox.Faults.FailNext(1, SandboxFaultKind.Latency, TimeSpan.FromSeconds(3));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => host.Connector.GetAsync("AccountObj", "0000000000000000000000ff", CancellationToken.None));

        Assert.Equal(ErrorKind.Transient, error.Kind);
        Assert.Equal("TIMEOUT", error.ErrorCode);
    }
}
