using CrmBridge.Connectors;

namespace CrmBridge.Cli.Tests.Demo;

/// <summary>
/// A connector that makes real HTTP calls through a factory client: a change poll reads a page and, when it found records,
/// their lines (records r0, r1, … at version 1); a batch write answers version 1 for every record.
/// </summary>
internal class FakeConnector(HttpClient http, int changes) : IConnector
{
    private static readonly Uri Base = new("http://127.0.0.1:9/");

    public string System => "crm";

    public Task<SourceRecord?> GetAsync(string entity, string id, CancellationToken cancellationToken) => Task.FromResult<SourceRecord?>(null);

    public async Task<ChangePage> GetChangesAsync(string entity, string? checkpoint, CancellationToken cancellationToken)
    {
        (await http.GetAsync(new Uri(Base, entity), cancellationToken)).Dispose();
        (await http.GetAsync(new Uri(Base, changes > 0 ? "salesorderdetails" : entity), cancellationToken)).Dispose();
        return new ChangePage([.. Enumerable.Range(0, changes).Select(i => new RecordChange($"r{i}", ChangeOperation.Upsert, "1", null))], "next", false);
    }

    public Task<UpsertResult> UpsertAsync(UpsertRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

    public async Task<IReadOnlyList<BatchItemResult>> UpsertBatchAsync(IReadOnlyList<UpsertRequest> requests, CancellationToken cancellationToken)
    {
        (await http.PostAsync(new Uri(Base, "$batch"), null, cancellationToken)).Dispose();
        return [.. requests.Select((r, i) => new BatchItemResult(i, new UpsertResult(r.KeyValue, false, "1"), null))];
    }

    public Task<bool> DeleteAsync(string entity, string id, CancellationToken cancellationToken) => Task.FromResult(false);
}
