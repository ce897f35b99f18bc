using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using CrmBridge.Connectors;

namespace CrmBridge.Pipeline.Tests.Fakes;

/// <summary>A target system double: upserts by key into memory, counts calls, and fails on demand.</summary>
internal sealed class FakeTargetConnector : IConnector, IExactVersions
{
    private readonly ConcurrentDictionary<string, (string Id, JsonObject Data, int Version)> _byKey = new();
    private readonly ConcurrentQueue<ConnectorException> _failures = new();
    private int _nextId;

    public FakeTargetConnector(string system) => System = system;

    public string System { get; }

    public int UpsertCalls;

    public int BatchCalls;

    public int DeleteCalls;

    public int? MaxBatch { get; set; }

    public Func<UpsertRequest, ConnectorException?>? Validate { get; set; }

    /// <summary>Gets or sets a hook awaited before each single upsert (to hold one write while another races it).</summary>
    public Func<UpsertRequest, Task>? BeforeUpsert { get; set; }

    public IReadOnlyDictionary<string, (string Id, JsonObject Data, int Version)> Records => _byKey;

    /// <summary>Gets or sets an outage: while it returns an error, every write call fails with it (counted as a call).</summary>
    public Func<ConnectorException?>? Outage { get; set; }

    public void FailNext(params ConnectorException[] failures)
    {
        foreach (var f in failures)
        {
            _failures.Enqueue(f);
        }
    }

    public Task<SourceRecord?> GetAsync(string entity, string id, CancellationToken cancellationToken)
    {
        var hit = _byKey.Values.FirstOrDefault(r => r.Id == id);
        return Task.FromResult(hit.Id is null ? null : new SourceRecord(hit.Id, hit.Data, hit.Version.ToString(CultureInfo.InvariantCulture)));
    }

    public Task<ChangePage> GetChangesAsync(string entity, string? checkpoint, CancellationToken cancellationToken) =>
        Task.FromResult(new ChangePage([], checkpoint, false));

    public async Task<UpsertResult> UpsertAsync(UpsertRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref UpsertCalls);
        if (BeforeUpsert is not null)
        {
            await BeforeUpsert(request);
        }

        if (Outage?.Invoke() is { } down || _failures.TryDequeue(out down))
        {
            throw down;
        }

        return Apply(request);
    }

    public Task<IReadOnlyList<BatchItemResult>> UpsertBatchAsync(IReadOnlyList<UpsertRequest> requests, CancellationToken cancellationToken)
    {
        // A real connector splits a batch into calls of its API's limit: count one call per chunk.
        Interlocked.Add(ref BatchCalls, MaxBatch is { } max ? (requests.Count + max - 1) / max : 1);
        if (Outage?.Invoke() is { } down || _failures.TryDequeue(out down))
        {
            throw down;
        }

        var results = requests.Select((r, i) =>
        {
            var error = Validate?.Invoke(r);
            return error is null ? new BatchItemResult(i, Apply(r), null) : new BatchItemResult(i, null, error);
        }).ToList();
        return Task.FromResult<IReadOnlyList<BatchItemResult>>(results);
    }

    public Task<bool> DeleteAsync(string entity, string id, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref DeleteCalls);
        var key = _byKey.FirstOrDefault(p => p.Value.Id == id).Key;
        return Task.FromResult(key is not null && _byKey.TryRemove(key, out _));
    }

    private UpsertResult Apply(UpsertRequest request)
    {
        if (Validate?.Invoke(request) is { } error)
        {
            throw error;
        }

        var key = $"{request.Entity}|{request.KeyValue}";
        var created = false;
        var record = _byKey.AddOrUpdate(
            key,
            _ =>
            {
                created = true;
                return ($"T-{Interlocked.Increment(ref _nextId):D5}", (JsonObject)request.Data.DeepClone(), 1);
            },
            (_, old) => (old.Id, (JsonObject)request.Data.DeepClone(), old.Version + 1));
        return new UpsertResult(record.Id, created, record.Version.ToString(CultureInfo.InvariantCulture));
    }
}
