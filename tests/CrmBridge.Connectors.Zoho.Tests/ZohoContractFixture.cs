using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Hosting;
using CrmBridge.Testing.Connectors;

namespace CrmBridge.Connectors.Zoho.Tests;

/// <summary>Runs the shared connector contract against the Zoho sandbox: Accounts keyed by the alternate key Account_Number.</summary>
public sealed class ZohoContractFixture : IConnectorContractFixture
{
    private ZohoTestEnvironment? _environment;

    public IConnector Connector => _environment!.Connector;

    public ConnectorContractSpec Spec { get; } = new()
    {
        Entity = "Accounts",
        KeyField = "Account_Number",
        NameField = "Account_Name",
        NewRecord = (key, name) => new JsonObject { ["Account_Name"] = name, ["Account_Number"] = key, ["Account_Type"] = "Customer" },

        // Missing the mandatory Account_Name: Zoho answers MANDATORY_NOT_FOUND for that record.
        InvalidRecord = key => new JsonObject { ["Account_Number"] = key, ["Phone"] = "+86 10 0000 0000" },
    };

    public void InjectFault(FaultKind kind, int count, TimeSpan retryAfter) =>
        _environment!.Sandbox.Faults.FailNext(count, kind == FaultKind.Throttle ? SandboxFaultKind.Throttle : SandboxFaultKind.ServerError, retryAfter);

    public void ClearFaults() => _environment?.Sandbox.Faults.Clear();

    public async Task InitializeAsync() => _environment = await ZohoTestEnvironment.StartAsync();

    public async Task DisposeAsync()
    {
        if (_environment is not null)
        {
            await _environment.DisposeAsync();
        }
    }
}
