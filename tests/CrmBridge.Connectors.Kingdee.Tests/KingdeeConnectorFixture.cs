using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Hosting;
using CrmBridge.Sandbox.Kingdee;
using CrmBridge.Testing.Connectors;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Connectors.Kingdee.Tests;

/// <summary>Starts a K3Cloud sandbox on loopback and the connector configured against it (customers keyed by F_CRM_Id).</summary>
public sealed class KingdeeConnectorFixture : IConnectorContractFixture
{
    private ServiceProvider? _services;
    private KingdeeSandbox? _sandbox;

    public KingdeeSandbox Sandbox => _sandbox ?? throw new InvalidOperationException("Not initialised.");

    public IConnector Connector => _services!.GetRequiredService<IErpConnector>();

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("Not initialised.");

    public ConnectorContractSpec Spec { get; } = new()
    {
        Entity = "BD_Customer",
        KeyField = "F_CRM_Id",
        NameField = "FName",
        NewRecord = (key, name) => new JsonObject { ["FName"] = name, ["FShortName"] = key, ["FCreateOrgId"] = new JsonObject { ["FNumber"] = "100" } },
        InvalidRecord = key => new JsonObject { ["FShortName"] = key },
    };

    public async Task InitializeAsync()
    {
        _sandbox = await KingdeeTestServices.StartSandboxAsync();
        _services = KingdeeTestServices.Build(_sandbox);
    }

    public void InjectFault(FaultKind kind, int count, TimeSpan retryAfter) =>
        Sandbox.Faults.FailNext(count, kind switch
        {
            FaultKind.Throttle => SandboxFaultKind.Throttle,
            FaultKind.ServerError => SandboxFaultKind.ServerError,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown fault."),
        }, retryAfter);

    public void ClearFaults() => _sandbox?.ClearFaults();

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }
}
