using System.Text.Json.Nodes;
using CrmBridge.Connectors.Erp;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Sandbox.Erp;
using CrmBridge.Sandbox.Hosting;

namespace CrmBridge.Cli.Demo;

/// <summary><c>--erp reference</c>: the reference ERP sandbox (REST, API key) on loopback, reached through the ERP connector.</summary>
internal sealed class ReferenceDemoErp : IDemoErp
{
    private readonly ErpSandbox _sandbox;

    private ReferenceDemoErp(ErpSandbox sandbox)
    {
        _sandbox = sandbox;
        Settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [$"{ErpConnectorOptions.SectionName}:{nameof(ErpConnectorOptions.BaseUrl)}"] = sandbox.BaseAddress.ToString(),
            [$"{ErpConnectorOptions.SectionName}:{nameof(ErpConnectorOptions.ApiKey)}"] = sandbox.ApiKey,
        };
    }

    /// <inheritdoc />
    public string System => "erp";

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <inheritdoc />
    public string MappingsDirectory(string crmMappingsDirectory) => crmMappingsDirectory;

    /// <inheritdoc />
    public long ApiCalls => _sandbox.RequestCount;

    /// <inheritdoc />
    public DemoApiLimits Limits { get; } = new(new Connectors.Erp.ErpConnectorOptions().ChangesPageSize, new Connectors.Erp.ErpConnectorOptions().BatchSize);

    /// <summary>Starts the sandbox with a fresh API key.</summary>
    /// <param name="context">The demo context.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running ERP.</returns>
    public static async Task<IDemoErp> StartAsync(DemoContext context, CancellationToken cancellationToken)
    {
        var sandbox = await ErpSandbox.StartAsync(new ErpSandboxOptions { ApiKey = "demo-" + Guid.NewGuid().ToString("N"), Port = context.ErpPort }, cancellationToken).ConfigureAwait(false);
        return new ReferenceDemoErp(sandbox);
    }

    /// <inheritdoc />
    public FaultInjector Faults => _sandbox.Faults;

    /// <inheritdoc />
    public Uri BaseAddress => _sandbox.BaseAddress;

    /// <inheritdoc />
    public int Count(string entity) => _sandbox.Count(entity);

    /// <inheritdoc />
    public IReadOnlyList<JsonObject> Records(string entity) => _sandbox.ListRecords(entity);

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ActAsync(string action, string? id, CancellationToken cancellationToken)
    {
        var entity = action switch
        {
            "ship" or "invoice" => "salesOrders",
            "resolve" => "cases",
            _ => throw new ArgumentException($"Unknown ERP action '{action}' (ship, invoice, resolve).", nameof(action)),
        };
        var ids = id is null ? Synced(entity) : [id];
        foreach (var one in ids)
        {
            _ = action switch
            {
                "ship" => await _sandbox.ShipOrderAsync(one, cancellationToken: cancellationToken).ConfigureAwait(false),
                "invoice" => await _sandbox.InvoiceOrderAsync(one, cancellationToken: cancellationToken).ConfigureAwait(false),
                _ => await _sandbox.ResolveCaseAsync(one, cancellationToken: cancellationToken).ConfigureAwait(false),
            };
        }

        return ids;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, int>> ActAsync(IReadOnlyList<SyncRoute> inbound, CancellationToken cancellationToken)
    {
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var route in inbound)
        {
            expected[route.Name] = _sandbox.ListRecords(route.SourceEntity).Count(r => r["externalId"] is not null);
        }

        var orders = Synced("salesOrders");
        var cases = Synced("cases");
        var options = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(orders, options, async (id, ct) =>
        {
            var n = id.Replace("SO-", string.Empty, StringComparison.Ordinal);
            await _sandbox.ShipOrderAsync(id, "TRK" + n, "SF Express", ct).ConfigureAwait(false);
            await _sandbox.InvoiceOrderAsync(id, "INV-" + n, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        await Parallel.ForEachAsync(cases, options, async (id, ct) =>
            await _sandbox.ResolveCaseAsync(id, "Replaced the faulty unit under warranty.", ct).ConfigureAwait(false)).ConfigureAwait(false);
        return expected;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _sandbox.DisposeAsync();

    private List<string> Synced(string entity) =>
        [.. _sandbox.ListRecords(entity).Where(r => r["externalId"] is not null).Select(r => r["id"]!.GetValue<string>())];
}
