using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Fxiaoke;
using CrmBridge.Sandbox.Hosting;
using CrmBridge.Testing.Connectors;

namespace CrmBridge.Connectors.Fxiaoke.Tests;

/// <summary>Starts the Fxiaoke sandbox (server errors as errorCode -1) and the connector for the shared contract suite.</summary>
public class FxiaokeContractFixture : IConnectorContractFixture
{
    private FxiaokeTestHost? _host;

    public IConnector Connector => _host!.Connector;

    public ConnectorContractSpec Spec { get; } = new()
    {
        Entity = "AccountObj",
        KeyField = "account_no",
        NameField = "name",
        NewRecord = (key, name) => new JsonObject { ["name"] = name, ["tel"] = "021-5555" + key[^4..] },
        InvalidRecord = _ => new JsonObject { ["name"] = string.Empty },
    };

    protected virtual FxiaokeServerErrorShape ServerErrorShape => FxiaokeServerErrorShape.SystemBusyCode;

    public async Task InitializeAsync() => _host = await FxiaokeTestHost.StartAsync(s => s.ServerErrorShape = ServerErrorShape);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    public void InjectFault(FaultKind kind, int count, TimeSpan retryAfter) =>
        _host!.Sandbox.Faults.FailNext(count, kind == FaultKind.Throttle ? SandboxFaultKind.Throttle : SandboxFaultKind.ServerError, retryAfter);

    public void ClearFaults() => _host?.Sandbox.Faults.Clear();
}
