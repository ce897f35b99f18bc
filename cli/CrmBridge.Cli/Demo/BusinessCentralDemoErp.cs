using CrmBridge.Connectors.BusinessCentral;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Sandbox.BusinessCentral;

namespace CrmBridge.Cli.Demo;

/// <summary>
/// <c>--erp businesscentral</c>: the Business Central API v2.0 emulator on loopback, reached through the Business Central
/// connector (token endpoint mode, the custom tracking page configured). Its mappings are the CRM's
/// <c>&lt;crm&gt;-businesscentral</c> folder (<c>mappings/dataverse-businesscentral</c>).
/// </summary>
internal sealed class BusinessCentralDemoErp : IDemoErp
{
    private const string Tenant = "demo-tenant";
    private readonly BusinessCentralSandbox _sandbox;

    private BusinessCentralDemoErp(BusinessCentralSandbox sandbox, BusinessCentralSandboxOptions options, string trackingPath)
    {
        _sandbox = sandbox;
        Settings = DemoSetting.For(
            BusinessCentralOptions.SectionName,
            (nameof(BusinessCentralOptions.ApiUrl), sandbox.ApiAddress),
            (nameof(BusinessCentralOptions.Company), sandbox.CompanyName),

            // Azure.Identity refuses the emulator's http:// authority, so the demo uses the plain client-credentials POST.
            (nameof(BusinessCentralOptions.AuthMode), BusinessCentralAuthMode.TokenEndpoint),
            (nameof(BusinessCentralOptions.TokenEndpoint), sandbox.TokenEndpoint(Tenant)),
            (nameof(BusinessCentralOptions.ClientId), options.ClientId),
            (nameof(BusinessCentralOptions.ClientSecret), options.ClientSecret),
            (nameof(BusinessCentralOptions.TrackingApiPath), trackingPath));
    }

    /// <inheritdoc />
    public string System => "businesscentral";

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <inheritdoc />
    public long ApiCalls => _sandbox.RequestCount;

    /// <summary>Starts the emulator with fresh client credentials.</summary>
    /// <param name="context">The demo context.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running ERP.</returns>
    public static async Task<IDemoErp> StartAsync(DemoContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = new BusinessCentralSandboxOptions
        {
            ClientId = "demo-client-" + Guid.NewGuid().ToString("N")[..8],
            ClientSecret = "demo-secret-" + Guid.NewGuid().ToString("N"),
            TimeProvider = context.TimeProvider,
        };
        var sandbox = await BusinessCentralSandbox.StartAsync(options, cancellationToken).ConfigureAwait(false);
        return new BusinessCentralDemoErp(sandbox, options, options.TrackingApiPath);
    }

    /// <inheritdoc />
    public string MappingsDirectory(string crmMappingsDirectory)
    {
        var folder = crmMappingsDirectory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + "-businesscentral";
        return Directory.Exists(folder)
            ? folder
            : throw new CliException($"No shipped mappings for this CRM with Business Central ({folder} does not exist); --erp businesscentral runs with --crm dataverse.");
    }

    /// <inheritdoc />
    public int Count(string entity) => entity switch
    {
        // Posting deletes a fully invoiced order: an order that reached Business Central is a live order or an invoiced one.
        "salesOrders" => _sandbox.List("salesOrders").Count + _sandbox.List("salesInvoices").Count,
        _ => _sandbox.List(entity).Count,
    };

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, int>> ActAsync(IReadOnlyList<SyncRoute> inbound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        var orders = _sandbox.List("salesOrders").Where(o => o["externalDocumentNumber"]?.GetValue<string>() is { Length: > 0 }).ToList();
        foreach (var order in orders)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = Guid.Parse(order["id"]!.GetValue<string>());
            var number = order["number"]!.GetValue<string>();
            _sandbox.ShipOrder(id, "1Z" + number.Replace("S-ORD", string.Empty, StringComparison.Ordinal), "UPS");
            _sandbox.InvoiceOrder(id);
        }

        // Every route writes back to the same CRM order, which counts as flowed back once it has all three values.
        IReadOnlyDictionary<string, int> expected = inbound.ToDictionary(r => r.Name, _ => orders.Count, StringComparer.Ordinal);
        return Task.FromResult(expected);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _sandbox.DisposeAsync();
}
