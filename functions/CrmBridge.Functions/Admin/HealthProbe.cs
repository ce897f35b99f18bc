using CrmBridge.Connectors;
using CrmBridge.Functions.Telemetry;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.Queueing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Functions.Admin;

/// <summary>
/// Checks that storage and every connector are reachable. Storage: the status report reads the queue length and the
/// state tables, and a read of a claim check that does not exist touches the blob container. Connectors have no ping in their contract, so each reads a record id that cannot exist
/// (<see cref="ProbeId"/>) of an entity one of its routes uses: "not found" proves network, credentials and API path;
/// throttling still counts as reachable. A connector no route uses is reported as such, not probed.
/// </summary>
public sealed class HealthProbe
{
    /// <summary>The record id the probe reads.</summary>
    public const string ProbeId = "crmbridge-health-probe";

    private readonly ConnectorRegistry _connectors;
    private readonly IRecordMapper _mapper;
    private readonly StatusService _status;
    private readonly IClaimCheckStore _claimChecks;
    private readonly FunctionsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<HealthProbe> _logger;
    private readonly ConnectionHealthService? _connections;

    /// <summary>Initializes a new instance of the <see cref="HealthProbe"/> class.</summary>
    /// <param name="connectors">The connectors.</param>
    /// <param name="mapper">The routes (to pick an entity per connector).</param>
    /// <param name="status">The status service (touches queue and tables).</param>
    /// <param name="claimChecks">The claim-check store (touches the blob container).</param>
    /// <param name="options">The app options.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="connections">Health per connection (circuits, checkpoints, dead letters, live connector signals).</param>
    public HealthProbe(
        ConnectorRegistry connectors,
        IRecordMapper mapper,
        StatusService status,
        IClaimCheckStore claimChecks,
        IOptions<FunctionsOptions> options,
        TimeProvider time,
        ILogger<HealthProbe> logger,
        ConnectionHealthService? connections = null)
    {
        _connections = connections;
        _connectors = connectors;
        _mapper = mapper;
        _status = status;
        _claimChecks = claimChecks;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Runs every check (connectors in parallel, each bounded by the probe timeout).</summary>
    /// <param name="cancellationToken">Cancels the checks.</param>
    /// <returns>The report.</returns>
    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var storage = CheckStorageAsync(cancellationToken);
        var connectors = _connectors.Systems.Order(StringComparer.OrdinalIgnoreCase).Select(s => CheckConnectorAsync(s, cancellationToken)).ToList();
        var results = await Task.WhenAll(connectors).ConfigureAwait(false);
        var store = await storage.ConfigureAwait(false);
        foreach (var unhealthy in results.Append(store).Where(c => !c.Healthy))
        {
            FunctionsLog.Unhealthy(_logger, unhealthy.Name, unhealthy.Detail);
        }

        var health = new HealthReport(store.Healthy && results.All(r => r.Healthy), store, results, _time.GetUtcNow());
        return store.Healthy && _connections is not null
            ? health with { Connections = await _connections.GetAsync(_connectors.Systems, cancellationToken).ConfigureAwait(false) }
            : health;
    }

    private async Task<ComponentHealth> CheckStorageAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.HealthProbeTimeout);
            var report = await _status.GetReportAsync(timeout.Token).ConfigureAwait(false);
            await _claimChecks.GetAsync($"{ProbeId}.json", timeout.Token).ConfigureAwait(false);
            return new ComponentHealth("storage", true, $"queue ({report.Pending} pending), state tables and claim-check blobs reachable");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Host boundary: any failure of the storage SDKs means "unhealthy"; the type says which.
            return new ComponentHealth("storage", false, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task<ComponentHealth> CheckConnectorAsync(string system, CancellationToken cancellationToken)
    {
        var entity = _mapper.Routes
            .Select(r => string.Equals(r.SourceSystem, system, StringComparison.OrdinalIgnoreCase) ? r.SourceEntity
                : string.Equals(r.TargetSystem, system, StringComparison.OrdinalIgnoreCase) ? r.TargetEntity : null)
            .FirstOrDefault(e => e is not null);
        if (entity is null)
        {
            return new ComponentHealth(system, true, "configured, but no route uses it (not probed)");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.HealthProbeTimeout);
        try
        {
            await _connectors.Get(system).GetAsync(entity, ProbeId, timeout.Token).ConfigureAwait(false);
            return new ComponentHealth(system, true, $"reachable (read {entity})");
        }
        catch (ConnectorException ex) when (ex.Kind is ErrorKind.NotFound)
        {
            return new ComponentHealth(system, true, $"reachable (read {entity})");
        }
        catch (ConnectorException ex) when (ex.Kind is ErrorKind.Throttled or ErrorKind.QuotaExhausted)
        {
            return new ComponentHealth(system, true, $"reachable but {ex.Kind} ({ex.ErrorCode})");
        }
        catch (ConnectorException ex)
        {
            return new ComponentHealth(system, false, $"{ex.Kind} {ex.ErrorCode}: {ex.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ComponentHealth(system, false, $"no answer within {_options.HealthProbeTimeout}");
        }
    }
}
