using CrmBridge.Connectors;
using CrmBridge.Connectors.Zoho;
using CrmBridge.Sandbox.Zoho;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Cli.Demo;

/// <summary>
/// <c>crmbridge demo --crm zoho</c>: starts the Zoho CRM sandbox on loopback (accounts server and API on one address) and the
/// Zoho connector pointed at it through the real refresh-token flow; changes are detected by polling (COQL on Modified_Time).
/// </summary>
internal sealed class ZohoDemoScenario : IDemoScenario
{
    /// <inheritdoc />
    public string Crm => "zoho";

    /// <inheritdoc />
    public async Task<IDemoCrm> StartAsync(DemoContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sandboxOptions = new ZohoSandboxOptions
        {
            ClientId = "demo-client",
            ClientSecret = "demo-secret-" + Guid.NewGuid().ToString("N"),
            RefreshToken = "demo-refresh-" + Guid.NewGuid().ToString("N"),
            TimeProvider = context.TimeProvider,
            DeliverNotifications = false,
        };
        var sandbox = await ZohoSandbox.StartAsync(sandboxOptions, cancellationToken).ConfigureAwait(false);
        var services = new ServiceCollection();
        services.AddSingleton(context.LoggerFactory);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(context.TimeProvider);
        services.AddCrmBridgeZohoConnector(configure: o =>
        {
            o.AccountsUrl = sandbox.BaseAddress;
            o.ClientId = sandboxOptions.ClientId;
            o.ClientSecret = sandboxOptions.ClientSecret;
            o.RefreshToken = sandboxOptions.RefreshToken;
            o.ThrottleDelay = TimeSpan.FromSeconds(1);
        });
        var provider = services.BuildServiceProvider();
        return new ZohoDemoCrm(sandbox, provider, provider.GetRequiredService<ICrmConnector>(), Path.Combine(context.MappingsRoot, "zoho"));
    }
}
