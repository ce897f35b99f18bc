using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using CrmBridge.Connectors;

namespace CrmBridge.EndToEnd.Tests;

/// <summary>
/// The CRM side of the end-to-end tests: a source system whose records the test edits (to "fix the data" before a replay).
/// The ERP side is the real reference ERP over loopback HTTP.
/// </summary>
internal sealed class InMemoryCrmConnector : IConnector
{
    private readonly ConcurrentDictionary<string, (JsonObject Data, long Version)> _records = new();

    public string System => "crm";

    public void Put(string id, JsonObject data, long version) => _records[id] = (data, version);

    public Task<SourceRecord?> GetAsync(string entity, string id, CancellationToken cancellationToken) =>
        Task.FromResult(_records.TryGetValue(id, out var r)
            ? new SourceRecord(id, (JsonObject)r.Data.DeepClone(), r.Version.ToString(CultureInfo.InvariantCulture))
            : null);

    public Task<ChangePage> GetChangesAsync(string entity, string? checkpoint, CancellationToken cancellationToken) =>
        Task.FromResult(new ChangePage([], checkpoint, false));

    public Task<UpsertResult> UpsertAsync(UpsertRequest request, CancellationToken cancellationToken) =>
        throw new ConnectorException(System, ErrorKind.Permanent, "READ_ONLY", "The test CRM is read-only.");

    public Task<IReadOnlyList<BatchItemResult>> UpsertBatchAsync(IReadOnlyList<UpsertRequest> requests, CancellationToken cancellationToken) =>
        throw new ConnectorException(System, ErrorKind.Permanent, "READ_ONLY", "The test CRM is read-only.");

    public Task<bool> DeleteAsync(string entity, string id, CancellationToken cancellationToken) => Task.FromResult(_records.TryRemove(id, out _));
}
