using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Erp;
using CrmBridge.Sandbox.Hosting;
using CrmBridge.Testing.Connectors;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Connectors.Erp.Tests;

/// <summary>Starts a reference ERP sandbox on loopback and the ERP connector configured against it.</summary>
public sealed class ErpConnectorFixture : IConnectorContractFixture
{
    private ServiceProvider? _services;
    private ErpSandbox? _sandbox;

    public ErpSandbox Sandbox => _sandbox ?? throw new InvalidOperationException("Not initialised.");

    public IConnector Connector => _services!.GetRequiredService<IErpConnector>();

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("Not initialised.");

    public ConnectorContractSpec Spec { get; } = new()
    {
        Entity = ErpEntities.Customers,
        KeyField = "externalId",
        NameField = "name",
        NewRecord = (key, name) => new JsonObject { ["name"] = name, ["accountNumber"] = key, ["segment"] = "STANDARD" },
        InvalidRecord = key => new JsonObject { ["accountNumber"] = key },
    };

    public async Task InitializeAsync()
    {
        _sandbox = await ErpSandbox.StartAsync(new ErpSandboxOptions { ApiKey = "key-" + Guid.NewGuid().ToString("N") });
        _services = ErpTestServices.Build(_sandbox.BaseAddress, _sandbox.ApiKey);
    }

    public void InjectFault(FaultKind kind, int count, TimeSpan retryAfter) =>
        Sandbox.Faults.FailNext(count, kind switch
        {
            FaultKind.Throttle => SandboxFaultKind.Throttle,
            FaultKind.ServerError => SandboxFaultKind.ServerError,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown fault."),
        }, retryAfter);

    public void ClearFaults() => _sandbox?.Faults.Clear();

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
