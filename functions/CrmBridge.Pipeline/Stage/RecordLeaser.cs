using CrmBridge.Connectors;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Pipeline.Stage;

/// <summary>
/// Takes and releases this stage's leases on source records in the state store (<see cref="IRecordLeaseStore"/>), so two
/// hosts never sync one record at once; with <see cref="PipelineOptions.RecordLeases"/> off every record counts as leased.
/// </summary>
internal sealed class RecordLeaser
{
    private readonly IRecordLeaseStore _store;
    private readonly PipelineOptions _options;
    private readonly string _owner = Environment.MachineName + ":" + Environment.ProcessId + ":" + Guid.NewGuid().ToString("N")[..8];

    public RecordLeaser(IRecordLeaseStore store, PipelineOptions options)
    {
        _store = store;
        _options = options;
    }

    /// <summary>Gets a leaser that takes no leases (tests and single-host setups that opt out).</summary>
    public static RecordLeaser None { get; } = new(NoLeases.Instance, new PipelineOptions { RecordLeases = false });

    /// <summary>Gets whether leases are taken at all.</summary>
    public bool Enabled => _options.RecordLeases;

    /// <summary>Takes the leases that are free.</summary>
    /// <returns>The records now leased by this stage (all of them when leases are off).</returns>
    public async Task<IReadOnlySet<RecordRef>> AcquireAsync(IReadOnlyCollection<RecordRef> records, CancellationToken cancellationToken) =>
        Enabled
            ? await _store.TryAcquireLeasesAsync(records, _owner, _options.RecordLeaseDuration, cancellationToken).ConfigureAwait(false)
            : records.ToHashSet();

    /// <summary>Releases leases taken by <see cref="AcquireAsync"/>.</summary>
    /// <returns>A task that completes when released.</returns>
    public Task ReleaseAsync(IReadOnlyCollection<RecordRef> records) =>
        Enabled && records.Count > 0 ? _store.ReleaseLeasesAsync(records, _owner, CancellationToken.None) : Task.CompletedTask;

    private sealed class NoLeases : IRecordLeaseStore
    {
        public static readonly NoLeases Instance = new();

        public Task<IReadOnlySet<RecordRef>> TryAcquireLeasesAsync(IReadOnlyCollection<RecordRef> records, string owner, TimeSpan duration, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlySet<RecordRef>>(records.ToHashSet());

        public Task ReleaseLeasesAsync(IReadOnlyCollection<RecordRef> records, string owner, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
