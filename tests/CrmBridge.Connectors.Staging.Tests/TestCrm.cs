using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Staging.Tests;

/// <summary>The CRM side of the pipeline tests: records the test puts, read by id (version = how often it was put).</summary>
internal sealed class TestCrm : IConnector
{
    private readonly ConcurrentDictionary<(string Entity, string Id), (JsonObject Data, long Version)> _records = new();

    public string System => "crm";

    public void Put(string entity, string id, JsonObject data)
    {
        data["id"] = id;
        _records.AddOrUpdate((entity, id), _ => (data, 1), (_, old) => (data, old.Version + 1));
    }

    public Task<SourceRecord?> GetAsync(string entity, string id, CancellationToken cancellationToken) =>
        Task.FromResult(_records.TryGetValue((entity, id), out var r)
            ? new SourceRecord(id, (JsonObject)r.Data.DeepClone(), r.Version.ToString(CultureInfo.InvariantCulture))
            : null);

    public Task<ChangePage> GetChangesAsync(string entity, string? checkpoint, CancellationToken cancellationToken) =>
        Task.FromResult(new ChangePage([], checkpoint, false));

    public Task<UpsertResult> UpsertAsync(UpsertRequest request, CancellationToken cancellationToken) =>
        throw new ConnectorException(System, ErrorKind.Permanent, "READ_ONLY", "The test CRM is read-only.");

    public Task<IReadOnlyList<BatchItemResult>> UpsertBatchAsync(IReadOnlyList<UpsertRequest> requests, CancellationToken cancellationToken) =>
        throw new ConnectorException(System, ErrorKind.Permanent, "READ_ONLY", "The test CRM is read-only.");

    public Task<bool> DeleteAsync(string entity, string id, CancellationToken cancellationToken) => Task.FromResult(_records.TryRemove((entity, id), out _));
}
