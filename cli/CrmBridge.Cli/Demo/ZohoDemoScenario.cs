using CrmBridge.Connectors.Zoho;
using CrmBridge.Sandbox.Zoho;

namespace CrmBridge.Cli.Demo;

/// <summary>
/// <c>crmbridge demo --crm zoho</c>: starts the Zoho CRM sandbox on loopback (accounts server and API on one address) and
/// configures the Zoho connector to reach it through the real refresh-token flow; changes are detected by polling (COQL on
/// Modified_Time).
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
            Port = context.CrmPort,
            DeliverNotifications = false,
        };
        var sandbox = await ZohoSandbox.StartAsync(sandboxOptions, cancellationToken).ConfigureAwait(false);
        var settings = DemoSetting.For(
            ZohoConnectorOptions.SectionName,
            (nameof(ZohoConnectorOptions.AccountsUrl), sandbox.BaseAddress),
            (nameof(ZohoConnectorOptions.ClientId), sandboxOptions.ClientId),
            (nameof(ZohoConnectorOptions.ClientSecret), sandboxOptions.ClientSecret),
            (nameof(ZohoConnectorOptions.RefreshToken), sandboxOptions.RefreshToken),
            (nameof(ZohoConnectorOptions.ThrottleDelay), TimeSpan.FromSeconds(1)));
        return new ZohoDemoCrm(sandbox, settings, Path.Combine(context.MappingsRoot, "zoho"));
    }
}
