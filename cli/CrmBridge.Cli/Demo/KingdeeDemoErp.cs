using System.Text.Json.Nodes;
using CrmBridge.Connectors.Kingdee;
using CrmBridge.Pipeline.Hosting;
using CrmBridge.Pipeline.Mapping;
using CrmBridge.Sandbox.Kingdee;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Cli.Demo;

/// <summary>
/// Kingdee K3Cloud as the demo's ERP: the K3Cloud emulator with the CRM sandboxes' product codes as audited materials,
/// the K3Cloud connector, and what K3Cloud users do to every synced order: audit it, push it to an outbound delivery with
/// a waybill, and create its receivable.
/// </summary>
internal sealed class KingdeeDemoErp : IAsyncDisposable
{
    public const string SystemName = "k3cloud";
    private const string Orders = "SAL_SaleOrder";
    private readonly KingdeeSandbox _sandbox;

    private KingdeeDemoErp(KingdeeSandbox sandbox) => _sandbox = sandbox;

    public string System => SystemName;

    /// <summary>Gets the mappings folder suffix: <c>mappings/&lt;crm&gt;-k3cloud</c>.</summary>
    public string MappingsSuffix => "-k3cloud";

    public long ApiCalls => _sandbox.RequestCount;

    public static async Task<KingdeeDemoErp> StartAsync(CancellationToken cancellationToken)
    {
        var sandbox = await KingdeeSandbox.StartAsync(new KingdeeSandboxOptions { AppSecret = "demo-" + Guid.NewGuid().ToString("N") }, cancellationToken).ConfigureAwait(false);

        // Materials are ERP master data: the demo tenant has one per product code the CRM sandboxes use.
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

    public void AddConnector(IServiceCollection services) => services.AddCrmBridgeKingdeeConnector(configure: o =>
    {
        var s = _sandbox.Options;
        o.ServerUrl = _sandbox.BaseAddress.ToString();
        o.AcctId = s.AcctId;
        o.Username = s.Username;
        o.AppId = s.AppId;
        o.AppSecret = s.AppSecret;
        o.ServerTimeZone = s.TimeZone;
    });

    public IEnumerable<PollTarget> Polls(IReadOnlyList<SyncRoute> inbound) =>
        inbound.Select(r => r.SourceEntity).Distinct(StringComparer.Ordinal).Select(e => new PollTarget(SystemName, e, TimeSpan.FromSeconds(1)));

    /// <summary>Counts the records of a form that carry a CRM key (the ones the bridge wrote).</summary>
    public int Count(string entity) => _sandbox.ListBills(entity).Count(b => b["F_CRM_Id"] is JsonValue);

    /// <summary>Audits, ships and invoices every order the bridge created; returns per inbound route how many records must flow back.</summary>
    public async Task<Dictionary<string, int>> ActAsync(IReadOnlyList<SyncRoute> inbound, CancellationToken cancellationToken)
    {
        var orders = _sandbox.ListBills(Orders).Where(b => b["F_CRM_Id"] is JsonValue).Select(b => b["FBillNo"]!.GetValue<string>()).ToList();
        var options = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(orders, options, (number, _) =>
        {
            _sandbox.AuditBill(Orders, number);
            _sandbox.ShipOrder(number, "SF" + new string(number.Where(char.IsDigit).ToArray()).PadLeft(10, '0'));
            _sandbox.CreateReceivable(number);
            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);
        return inbound.ToDictionary(r => r.Name, r => r.SourceEntity == Orders ? orders.Count : Count(r.SourceEntity), StringComparer.Ordinal);
    }

    public ValueTask DisposeAsync() => _sandbox.DisposeAsync();
}
