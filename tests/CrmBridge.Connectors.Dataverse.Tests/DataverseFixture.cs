using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Dataverse;
using CrmBridge.Sandbox.Hosting;
using CrmBridge.Testing.Connectors;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Connectors.Dataverse.Tests;

/// <summary>Starts the Dataverse sandbox and a connector wired to it for the shared contract suite.</summary>
public sealed class DataverseFixture : IConnectorContractFixture
{
    private ServiceProvider? _services;

    public DataverseSandbox Sandbox { get; private set; } = null!;

    public IConnector Connector { get; private set; } = null!;

    public ConnectorContractSpec Spec { get; } = new()
    {
        Entity = "accounts",
        KeyField = "accountnumber",
        NameField = "name",
        NewRecord = (_, name) => new JsonObject { ["name"] = name, ["telephone1"] = "+86 21 5555 0100", ["customertypecode"] = 3 },

        // The account name is limited to 160 characters: Dataverse answers 400 0x80044331.
        InvalidRecord = _ => new JsonObject { ["name"] = new string('x', 200) },
    };

    public async Task InitializeAsync()
    {
        Sandbox = await DataverseTestHost.StartAsync();
        (var connector, _services) = DataverseTestHost.Build(Sandbox, o => o.PageSize = 50);
        Connector = connector;
    }

    public void InjectFault(FaultKind kind, int count, TimeSpan retryAfter) =>
        Sandbox.Faults.FailNext(count, kind == FaultKind.Throttle ? SandboxFaultKind.Throttle : SandboxFaultKind.ServerError, retryAfter);

    public void ClearFaults() => Sandbox.Faults.Clear();

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await Sandbox.DisposeAsync();
    }
}
