using CrmBridge.Sandbox.Erp;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Connectors.Erp.Tests;

/// <summary>A sandbox of its own plus a connector with custom settings, for tests that count calls or read the whole feed.</summary>
internal sealed class ErpTestBed : IAsyncDisposable
{
    private ErpTestBed(ErpSandbox sandbox, ServiceProvider services)
    {
        Sandbox = sandbox;
        Services = services;
    }

    public ErpSandbox Sandbox { get; }

    public ServiceProvider Services { get; }

    public IConnector Connector => Services.GetRequiredService<IErpConnector>();

    public static async Task<ErpTestBed> StartAsync(IDictionary<string, string?>? settings = null, Action<ErpSandboxOptions>? sandbox = null)
    {
        var options = new ErpSandboxOptions { ApiKey = "key-" + Guid.NewGuid().ToString("N") };
        sandbox?.Invoke(options);
        var erp = await ErpSandbox.StartAsync(options);
        return new ErpTestBed(erp, ErpTestServices.Build(erp.BaseAddress, erp.ApiKey, settings));
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
