using System.Collections.Concurrent;
using CrmBridge.Sandbox.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Sandbox.Dataverse;

/// <summary>
/// A Dataverse Web API emulator on loopback: the OAuth token endpoint, <c>/api/data/v9.2</c> entity sets with
/// <c>$select</c>/<c>$filter</c>/paging, change tracking, alternate-key upsert, <c>$batch</c>, webhooks,
/// service-protection limits and fault injection. In-process seeding and inspection methods do not count as API calls.
/// </summary>
public sealed partial class DataverseSandbox : IAsyncDisposable
{
    private readonly DataverseSandboxOptions _options;
    private readonly DataverseStore _store;
    private readonly DataverseApi _api;
    private readonly DataverseBatchExecutor _batch;
    private readonly ServiceProtection _protection;
    private readonly WebhookDispatcher _webhooks;
    private readonly WebhookRegistrations _registrations;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private LoopbackServer? _server;
    private long _tokensIssued;

    private DataverseSandbox(DataverseSandboxOptions options)
    {
        _options = options;
        _webhooks = new WebhookDispatcher(options);
        var tables = options.Tables ?? DataverseSchemas.Default();
        _store = new DataverseStore(tables.Concat(DataverseRegistrationSchemas.All()), options.TimeProvider, change => _webhooks.Publish(_registrations!.Match(change)));
        _registrations = new WebhookRegistrations(_store);
        DataverseRegistrationSeeder.Seed(_store, tables, options);
        _api = new DataverseApi(_store, options, () => ApiAddress);
        _batch = new DataverseBatchExecutor(_api, _store, BatchPartFaults);
        _protection = new ServiceProtection(options);
    }

    /// <summary>Gets the environment URL (what a real deployment configures as <c>https://org.crm.dynamics.com/</c>).</summary>
    public Uri BaseAddress => _server!.BaseAddress;

    /// <summary>Gets the Web API root, <c>{BaseAddress}api/data/v9.2/</c>.</summary>
    public Uri ApiAddress => new(BaseAddress, "api/data/v9.2/");

    /// <summary>Gets the API calls served (token requests included).</summary>
    public long RequestCount => _server?.RequestCount ?? 0;

    /// <summary>Gets the fault injector.</summary>
    public FaultInjector Faults { get; } = new();

    /// <summary>
    /// Gets the fault injector of single requests inside a <c>$batch</c> (outside change sets): a throttled or failing
    /// part is answered in the batch body (429 with <c>Retry-After</c>, 500), the batch itself gets through.
    /// </summary>
    public FaultInjector BatchPartFaults { get; } = new();

    /// <summary>Gets how many access tokens the token endpoint issued.</summary>
    public long TokensIssued => Interlocked.Read(ref _tokensIssued);

    /// <summary>Gets the highest number of API requests that were in flight at once.</summary>
    public int MaxConcurrentRequestsObserved => _protection.MaxObserved;

    /// <summary>Gets how many webhook deliveries succeeded.</summary>
    public long WebhooksDelivered => _webhooks.Delivered;

    /// <summary>Gets the application user's systemuserid that API writes are attributed to.</summary>
    public Guid ApplicationUserId => _options.ApplicationUserId;

    /// <summary>Starts the emulator.</summary>
    /// <param name="options">The options.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running emulator.</returns>
    public static async Task<DataverseSandbox> StartAsync(DataverseSandboxOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        var sandbox = new DataverseSandbox(options);
        sandbox._server = await LoopbackServer.StartAsync(
            sandbox.Map,
            services => services.Configure<KestrelServerOptions>(k => k.Limits.MaxRequestLineSize = DataverseUrlLimits.KestrelRequestLine),
            options.Port).ConfigureAwait(false);
        return sandbox;
    }

    /// <summary>Gets the token endpoint for a tenant (<c>{BaseAddress}{tenant}/oauth2/v2.0/token</c>).</summary>
    /// <param name="tenant">The tenant id.</param>
    /// <returns>The URL.</returns>
    public Uri TokenEndpoint(string tenant) => new(BaseAddress, $"{tenant}/oauth2/v2.0/token");

    /// <summary>Invalidates every issued access token (the next API call answers 401).</summary>
    public void RevokeTokens() => _tokens.Clear();

    /// <summary>Makes every delta token issued so far expired, as if its lifetime had passed.</summary>
    public void ExpireDeltaTokens() => _api.DeltaTokensValidFrom = _options.TimeProvider.GetUtcNow().AddSeconds(1);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        await _webhooks.DisposeAsync().ConfigureAwait(false);
    }
}
