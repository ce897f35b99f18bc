using System.Text.Json.Nodes;
using CrmBridge.Sandbox.BusinessCentral;
using CrmBridge.Sandbox.Hosting;
using CrmBridge.Testing.Connectors;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Connectors.BusinessCentral.Tests;

/// <summary>Starts the Business Central emulator and a connector wired to it for the shared contract suite.</summary>
public sealed class BusinessCentralFixture : IConnectorContractFixture
{
    private ServiceProvider? _services;

    public BusinessCentralSandbox Sandbox { get; private set; } = null!;

    public IConnector Connector { get; private set; } = null!;

    public ConnectorContractSpec Spec { get; } = new()
    {
        Entity = "customers",
        KeyField = "number",
        NameField = "displayName",
        NewRecord = (_, name) => new JsonObject { ["displayName"] = name, ["phoneNumber"] = "+49 30 5555 0100", ["email"] = "orders@example.com" },

        // BC validates e-mail addresses: Application_FieldValidationException.
        InvalidRecord = _ => new JsonObject { ["displayName"] = "Invalid", ["email"] = "not an address" },
    };

    public async Task InitializeAsync()
    {
        Sandbox = await BusinessCentralTestHost.StartAsync();
        (var connector, _services) = BusinessCentralTestHost.Build(Sandbox, o => o.PageSize = 50);
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
