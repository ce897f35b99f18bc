using Microsoft.Extensions.Logging;

namespace CrmBridge.Connectors.Dataverse;

/// <summary>
/// The bridge's own application user (its systemuserid): <see cref="DataverseOptions.ApplicationUserId"/> when configured,
/// else discovered once with the WhoAmI function. Dataverse steps cannot exclude a user, so the webhook receiver drops the
/// events this user caused (<c>UserId</c> / <c>InitiatingUserId</c> of the RemoteExecutionContext). Discovery starts with
/// the first webhook; until WhoAmI has answered, such events pass and the pipeline's version/hash check recognises them
/// as echoes. A failed WhoAmI is retried after a minute.
/// </summary>
internal sealed class DataverseApplicationUser
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(1);
    private readonly DataverseOptions _options;
    private readonly Func<CancellationToken, Task<Guid>> _whoAmI;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private volatile object? _discovered; // a boxed Guid: read and written atomically
    private Task _discovery = Task.CompletedTask;
    private DateTimeOffset _nextAttempt = DateTimeOffset.MinValue;

    public DataverseApplicationUser(DataverseOptions options, Func<CancellationToken, Task<Guid>> whoAmI, TimeProvider time, ILogger logger)
    {
        _options = options;
        _whoAmI = whoAmI;
        _time = time;
        _logger = logger;
    }

    /// <summary>Gets the id, configured or discovered; <see langword="null"/> while unknown.</summary>
    public Guid? Id => _options.ApplicationUserId ?? (Guid?)_discovered;

    /// <summary>Gets the discovery in flight (completed when none runs); tests await it.</summary>
    public Task Discovery
    {
        get
        {
            lock (_gate)
            {
                return _discovery;
            }
        }
    }

    /// <summary>Starts WhoAmI in the background when the id is unknown and no discovery runs (at most once a minute).</summary>
    public void EnsureDiscovery()
    {
        if (Id is not null)
        {
            return;
        }

        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (!_discovery.IsCompleted || now < _nextAttempt)
            {
                return;
            }

            _nextAttempt = now + RetryAfter;
            _discovery = Task.Run(DiscoverAsync);
        }
    }

    private async Task DiscoverAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(_options.HttpTimeout);
            var id = await _whoAmI(timeout.Token).ConfigureAwait(false);
            _discovered = id;
            DataverseLog.ApplicationUserDiscovered(_logger, _options.System, id);
        }
        catch (Exception ex) when (ex is ConnectorException or OperationCanceledException)
        {
            // Best effort: the receiver keeps accepting; the next webhook after RetryAfter tries again.
            DataverseLog.ApplicationUserUnknown(_logger, _options.System, ex.Message);
        }
    }
}
