using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CrmBridge.Connectors;

namespace CrmBridge.Functions.Tests.Support;

/// <summary>
/// A minimal in-memory CRM (system <c>testcrm</c>) used as the webhook source in the app tests, so the end-to-end path
/// (webhook → queue → sync stage → ERP sandbox) does not depend on a particular CRM connector. The CRM connectors have
/// their own emulator-backed suites; here only the Functions wiring is under test.
/// </summary>
public sealed class TestCrm : ICrmConnector
{
    public const string SystemName = "testcrm";
    public const string Accounts = "accounts";

    private readonly ConcurrentDictionary<string, JsonObject> _records = new(StringComparer.Ordinal);

    public string System => SystemName;

    public void Put(string id, JsonObject data) => _records[id] = data;

    public Task<SourceRecord?> GetAsync(string entity, string id, CancellationToken cancellationToken) =>
        Task.FromResult(_records.TryGetValue(id, out var data)
            ? new SourceRecord(id, (JsonObject)data.DeepClone(), data["version"]?.ToString())
            : null);

    public Task<ChangePage> GetChangesAsync(string entity, string? checkpoint, CancellationToken cancellationToken) =>
        Task.FromResult(new ChangePage([], checkpoint, false));

    public Task<UpsertResult> UpsertAsync(UpsertRequest request, CancellationToken cancellationToken) =>
        throw new ConnectorException(SystemName, ErrorKind.Permanent, "READ_ONLY", "The test CRM is a source only.");

    public Task<IReadOnlyList<BatchItemResult>> UpsertBatchAsync(IReadOnlyList<UpsertRequest> requests, CancellationToken cancellationToken) =>
        throw new ConnectorException(SystemName, ErrorKind.Permanent, "READ_ONLY", "The test CRM is a source only.");

    public Task<bool> DeleteAsync(string entity, string id, CancellationToken cancellationToken) => Task.FromResult(_records.TryRemove(id, out _));
}
