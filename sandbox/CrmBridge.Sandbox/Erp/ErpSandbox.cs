using CrmBridge.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;

namespace CrmBridge.Sandbox.Erp;

/// <summary>
/// The reference ERP (docs/reference-erp.md) running in-process on a free 127.0.0.1 port: customers, sales orders and
/// after-sales cases with upsert by external id, validation, a batch endpoint, a change feed, optional webhooks, fault
/// injection and controls for what the ERP's own users do (ship, invoice, resolve).
/// <code>
/// await using var erp = await ErpSandbox.StartAsync(new ErpSandboxOptions { ApiKey = "demo-key" }, ct);
/// services.AddCrmBridgeErpConnector(o => { o.BaseUrl = erp.BaseAddress.ToString(); o.ApiKey = erp.ApiKey; });
/// // ... the pipeline delivers CRM orders ...
/// foreach (var id in erp.ListIds(ErpEntities.SalesOrders))
/// {
///     await erp.ShipOrderAsync(id, cancellationToken: ct);     // status SHIPPED, trackingNumber, carrier, shippedAt
///     await erp.InvoiceOrderAsync(id, cancellationToken: ct);  // status INVOICED, invoiceNumber, invoicedAt
/// }
/// var counts = erp.Counts();                                    // { customers: n, salesOrders: n, cases: n }
/// erp.Faults.FailNext(3, SandboxFaultKind.Throttle, TimeSpan.FromSeconds(2));
/// </code>
/// </summary>
public sealed partial class ErpSandbox : IAsyncDisposable
{
    private readonly ErpSandboxOptions _options;
    private readonly ErpStore _store;
    private readonly ErpWebhookDispatcher? _webhooks;
    private LoopbackServer? _server;
    private long _apiCalls;
    private int _disposed;

    private ErpSandbox(ErpSandboxOptions options)
    {
        _options = options;
        _webhooks = options.WebhookUrl is null ? null : new ErpWebhookDispatcher(options);
        _store = new ErpStore(options.TimeProvider, options.ChangeLogCapacity, change => _webhooks?.Enqueue(change));
    }

    /// <summary>Gets the base address, for example <c>http://127.0.0.1:41234/</c>; the API is under <c>api/</c>.</summary>
    public Uri BaseAddress => _server?.BaseAddress ?? throw new InvalidOperationException("The sandbox is not started.");

    /// <summary>Gets the API key callers must send in <c>X-Api-Key</c>.</summary>
    public string ApiKey => _options.ApiKey;

    /// <summary>Gets the fault injector for <c>/api/*</c> calls (429 + Retry-After, 503, dropped connection, latency).</summary>
    public FaultInjector Faults { get; } = new();

    /// <summary>Gets how many API calls (<c>/api/*</c>, including rejected and faulted ones) the sandbox has received.</summary>
    public long RequestCount => Interlocked.Read(ref _apiCalls);

    /// <summary>Gets the sequence number of the newest change-feed entry (0 when nothing changed yet).</summary>
    public long LastChangeSeq => _store.LastSeq;

    /// <summary>Gets how many webhook calls were answered with 2xx.</summary>
    public long WebhookDeliveries => _webhooks?.Delivered ?? 0;

    /// <summary>Gets how many webhook attempts failed (each is retried until <see cref="ErpSandboxOptions.WebhookMaxAttempts"/>).</summary>
    public long WebhookFailedAttempts => _webhooks?.FailedAttempts ?? 0;

    /// <summary>Starts the sandbox on a free loopback port.</summary>
    /// <param name="options">The options; <see cref="ErpSandboxOptions.ApiKey"/> is required.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running sandbox; dispose it to stop.</returns>
    public static async Task<ErpSandbox> StartAsync(ErpSandboxOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        var sandbox = new ErpSandbox(options);
        try
        {
            sandbox._server = await LoopbackServer.StartAsync(sandbox.Map, port: options.Port).ConfigureAwait(false);
        }
        catch
        {
            await sandbox.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return sandbox;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        if (_webhooks is not null)
        {
            await _webhooks.DisposeAsync().ConfigureAwait(false);
        }
    }

    internal void CountApiCall() => Interlocked.Increment(ref _apiCalls);

    private void Map(WebApplication app)
    {
        var guard = new ErpApiGuard(this, _options);
        app.Use(guard.InvokeAsync);
        ErpChangesEndpoint.Map(app, _store);
        ErpBatchEndpoint.Map(app, _store);
        ErpRecordEndpoints.Map(app, _store);
        ErpControlEndpoints.Map(app, this);
        ErpFaultEndpoints.Map(app, Faults);
    }
}
