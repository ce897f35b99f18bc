using System.Text.Json.Nodes;
using CrmBridge.Connectors.Kingdee;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Sandbox.Kingdee;

namespace CrmBridge.Cli.Demo;

/// <summary>
/// <c>--erp k3cloud</c>: the Kingdee K3Cloud emulator on loopback, reached through the K3Cloud connector, with the
/// mappings of <c>mappings/&lt;crm&gt;-k3cloud</c>. The demo tenant has an audited material for every product code the CRM
/// sandboxes use (materials are ERP master data); as its users, the demo audits every synced order, pushes it to an
/// outbound delivery with a waybill and creates its receivable.
/// </summary>
internal sealed class KingdeeDemoErp : IDemoErp
{
    private const string Orders = "SAL_SaleOrder";
    private const string KeyField = "F_CRM_Id";
    private readonly KingdeeSandbox _sandbox;

    private KingdeeDemoErp(KingdeeSandbox sandbox)
    {
        _sandbox = sandbox;
        var o = sandbox.Options;
        Settings = DemoSetting.For(KingdeeConnectorOptions.SectionName,
            (nameof(KingdeeConnectorOptions.ServerUrl), sandbox.BaseAddress.ToString()),
            (nameof(KingdeeConnectorOptions.AcctId), o.AcctId),
            (nameof(KingdeeConnectorOptions.Username), o.Username),
            (nameof(KingdeeConnectorOptions.AppId), o.AppId),
            (nameof(KingdeeConnectorOptions.AppSecret), o.AppSecret),
            (nameof(KingdeeConnectorOptions.ServerTimeZone), o.TimeZone));
    }

    /// <inheritdoc />
    public string System => "k3cloud";

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <inheritdoc />
    public long ApiCalls => _sandbox.RequestCount;

    /// <summary>Starts the emulator with a fresh secret and the demo materials.</summary>
    /// <param name="context">The demo context.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running ERP.</returns>
    public static async Task<IDemoErp> StartAsync(DemoContext context, CancellationToken cancellationToken)
    {
        var sandbox = await KingdeeSandbox.StartAsync(new KingdeeSandboxOptions { AppSecret = "demo-" + Guid.NewGuid().ToString("N") }, cancellationToken).ConfigureAwait(false);

        // The product codes of the Fxiaoke (SKU-0001…) and Zoho (ZP-001…) demo seeders.
        for (var i = 0; i <= 400; i++)
        {
            sandbox.SeedMaterial($"SKU-{i:D4}", $"Demo material {i}");
        }

        for (var i = 1; i <= 20; i++)
        {
            sandbox.SeedMaterial($"ZP-{i:D3}", $"Demo product {i}");
        }

        return new KingdeeDemoErp(sandbox);
    }

    /// <inheritdoc />
    public string MappingsDirectory(string crmMappingsDirectory) => crmMappingsDirectory.TrimEnd('/', '\\') + "-k3cloud";

    /// <inheritdoc />
    public int Count(string entity) => _sandbox.ListBills(entity).Count(b => b[KeyField] is JsonValue);

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, int>> ActAsync(IReadOnlyList<SyncRoute> inbound, CancellationToken cancellationToken)
    {
        var orders = _sandbox.ListBills(Orders).Where(b => b[KeyField] is JsonValue).Select(b => b["FBillNo"]!.GetValue<string>()).ToList();
        var options = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(orders, options, (number, _) =>
        {
            _sandbox.AuditBill(Orders, number);
            _sandbox.ShipOrder(number, "SF" + new string([.. number.Where(char.IsDigit)]).PadLeft(10, '0'));
            _sandbox.CreateReceivable(number);
            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);
        return inbound.ToDictionary(r => r.Name, r => r.SourceEntity == Orders ? orders.Count : Count(r.SourceEntity), StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _sandbox.DisposeAsync();
}
