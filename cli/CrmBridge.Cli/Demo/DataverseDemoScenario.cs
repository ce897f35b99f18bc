using CrmBridge.Connectors.Dataverse;
using CrmBridge.Sandbox.Dataverse;

namespace CrmBridge.Cli.Demo;

/// <summary>
/// <c>crmbridge demo --crm dataverse</c>: starts the Dataverse Web API sandbox on loopback (token endpoint and
/// <c>/api/data/v9.2</c> on one address) and configures the Dataverse connector to reach it; changes are detected by
/// change tracking (delta links), and ERP values flow back by PATCH / <c>$batch</c>.
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
            Port = context.CrmPort,
        };
        var sandbox = await DataverseSandbox.StartAsync(sandboxOptions, cancellationToken).ConfigureAwait(false);
        var settings = DemoSetting.For(
            DataverseOptions.SectionName,
            (nameof(DataverseOptions.EnvironmentUrl), sandbox.BaseAddress),

            // Azure.Identity refuses the sandbox's http:// authority, so the demo uses the plain client-credentials POST.
            (nameof(DataverseOptions.AuthMode), DataverseAuthMode.TokenEndpoint),
            (nameof(DataverseOptions.TokenEndpoint), sandbox.TokenEndpoint("demo-tenant")),
            (nameof(DataverseOptions.ClientId), sandboxOptions.ClientId),
            (nameof(DataverseOptions.ClientSecret), sandboxOptions.ClientSecret),
            (nameof(DataverseOptions.ApplicationUserId), sandbox.ApplicationUserId));
        return new DataverseDemoCrm(sandbox, settings, Path.Combine(context.MappingsRoot, "dataverse"));
    }
}
