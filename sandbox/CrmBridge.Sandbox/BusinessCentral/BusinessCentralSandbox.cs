using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Hosting;

namespace CrmBridge.Sandbox.BusinessCentral;

/// <summary>
/// A Business Central API v2.0 emulator on loopback (ERP-FACTS.md §2): the Entra token endpoint,
/// <c>/v2.0/{environment}/api/v2.0</c> with companies, customers, salesOrders (+ lines), salesShipments, salesInvoices,
/// ETags on every entity (409 Request_EntityChanged on a stale one), JSON <c>$batch</c> (snapshot isolation), webhook
/// subscriptions with the handshake and delayed notifications, per-user limits and fault injection; plus a custom
/// tracking page and the ERP user's ship and invoice actions. In-process methods do not count as API calls.
/// </summary>
public sealed partial class BusinessCentralSandbox : IAsyncDisposable
{
    private readonly BusinessCentralSandboxOptions _options;
    private readonly BcStore _store;
    private readonly BcApi _api;
    private readonly BcBatchExecutor _batch;
    private readonly BcLimits _limits;
    private readonly BcSubscriptions _subscriptions;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private LoopbackServer? _server;

    private BusinessCentralSandbox(BusinessCentralSandboxOptions options)
    {
        _options = options;
        _store = new BcStore(options.Companies);
        _api = new BcApi(_store, options, () => ApiAddress);
        _batch = new BcBatchExecutor(_api, _store, () => ApiAddress);
        _limits = new BcLimits(options);
        _subscriptions = new BcSubscriptions(options, id => _store.HasCompany(id));
    }

    /// <summary>Gets the server's base address.</summary>
    public Uri BaseAddress => _server!.BaseAddress;

    /// <summary>Gets the API root, <c>{BaseAddress}v2.0/{environment}/api/v2.0/</c>.</summary>
    public Uri ApiAddress => new(BaseAddress, $"v2.0/{_options.Environment}/api/v2.0/");

    /// <summary>Gets the first company's id (where seeding goes).</summary>
    public Guid CompanyId => _store.Companies[0].Id;

    /// <summary>Gets the first company's name.</summary>
    public string CompanyName => _store.Companies[0].Name;

    /// <summary>Gets the API calls served (token requests included).</summary>
    public long RequestCount => _server?.RequestCount ?? 0;

    /// <summary>Gets the fault injector.</summary>
    public FaultInjector Faults { get; } = new();

    /// <summary>Gets the highest number of requests processed at once.</summary>
    public int MaxConcurrentRequestsObserved => _limits.MaxObserved;

    /// <summary>Gets how many notification calls the subscriber accepted.</summary>
    public long NotificationsDelivered => _subscriptions.Delivered;

    /// <summary>Gets how many validation handshakes succeeded (create and renewal).</summary>
    public long Handshakes => _subscriptions.Handshakes;

    /// <summary>Starts the emulator.</summary>
    /// <param name="options">The options.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running emulator.</returns>
    public static async Task<BusinessCentralSandbox> StartAsync(BusinessCentralSandboxOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        var sandbox = new BusinessCentralSandbox(options);
        sandbox._server = await LoopbackServer.StartAsync(sandbox.Map).ConfigureAwait(false);
        return sandbox;
    }

    /// <summary>Gets the token endpoint for a tenant (<c>{BaseAddress}{tenant}/oauth2/v2.0/token</c>).</summary>
    /// <param name="tenant">The tenant id.</param>
    /// <returns>The URL.</returns>
    public Uri TokenEndpoint(string tenant) => new(BaseAddress, $"{tenant}/oauth2/v2.0/token");

    /// <summary>Invalidates every issued access token.</summary>
    public void RevokeTokens() => _tokens.Clear();

    /// <summary>Gets the subscriptions as <c>GET subscriptions</c> shows them.</summary>
    /// <returns>The subscriptions.</returns>
    public IReadOnlyList<JsonObject> Subscriptions() => _subscriptions.All().Select(s => s.Output()).ToList();

    /// <summary>Makes subscriptions expire now, as if three days had passed (BC then drops them).</summary>
    /// <param name="entity">Only this entity's subscriptions, or all.</param>
    public void ExpireSubscriptions(string? entity = null) => _subscriptions.Expire(entity);

    /// <summary>Deletes a subscription, as BC does when the subscriber answered a non-retryable status.</summary>
    /// <param name="subscriptionId">The subscription id.</param>
    public void DeleteSubscription(string subscriptionId) => _subscriptions.Delete(subscriptionId);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        await _subscriptions.DisposeAsync().ConfigureAwait(false);
    }
}
