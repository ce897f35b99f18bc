using CrmBridge.Connectors;
using CrmBridge.Connectors.Dataverse;
using CrmBridge.Sandbox.Dataverse;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Cli.Demo;

/// <summary>
/// <c>crmbridge demo --crm dataverse</c>: starts the Dataverse Web API sandbox on loopback (token endpoint and
/// <c>/api/data/v9.2</c> on one address) and the Dataverse connector pointed at it through the real registration;
/// changes are detected by change tracking (delta links), and ERP values flow back by PATCH / <c>$batch</c>.
/// </summary>
internal sealed class DataverseDemoScenario : IDemoScenario
{
    /// <inheritdoc />
    public string Crm => "dataverse";

    /// <inheritdoc />
    public async Task<IDemoCrm> StartAsync(DemoContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sandboxOptions = new DataverseSandboxOptions
        {
            ClientId = "demo-client-" + Guid.NewGuid().ToString("N")[..8],
            ClientSecret = "demo-secret-" + Guid.NewGuid().ToString("N"),
            TimeProvider = context.TimeProvider,
        };
        var sandbox = await DataverseSandbox.StartAsync(sandboxOptions, cancellationToken).ConfigureAwait(false);
        var services = new ServiceCollection();
        services.AddSingleton(context.LoggerFactory);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(context.TimeProvider);
        services.AddCrmBridgeDataverseConnector(configure: o =>
        {
            o.EnvironmentUrl = sandbox.BaseAddress;

            // Azure.Identity refuses the sandbox's http:// authority, so the demo uses the plain client-credentials POST.
            o.AuthMode = DataverseAuthMode.TokenEndpoint;
            o.TokenEndpoint = sandbox.TokenEndpoint("demo-tenant");
            o.ClientId = sandboxOptions.ClientId;
            o.ClientSecret = sandboxOptions.ClientSecret;
            o.ApplicationUserId = sandbox.ApplicationUserId;
        });
        var provider = services.BuildServiceProvider();
        return new DataverseDemoCrm(sandbox, provider, provider.GetRequiredService<ICrmConnector>(), Path.Combine(context.MappingsRoot, "dataverse"));
    }
}
