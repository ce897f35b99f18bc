using CrmBridge.Connectors;

namespace CrmBridge.Cli.Demo.Calls;

/// <summary>
/// Wraps a connector for the demo's call accounting: each operation runs in its own <see cref="DemoCallScope"/>, and its
/// HTTP calls are counted as what the operation was — a change poll that returned nothing is an idle poll, one that
/// returned only versions the bridge wrote through it is an echo read (<see cref="DemoEchoVersions"/>). It changes
/// nothing the connector does. <see cref="IExactVersions"/> is kept through <see cref="Exact"/>, because the stage
/// behaves differently for connectors that carry it.
/// </summary>
internal class CallClassifyingConnector : IConnector, IConnectorHealth
{
    private readonly IConnector _inner;
    private readonly DemoCallLedger _ledger;
    private readonly DemoEchoVersions _echoes = new();

    protected CallClassifyingConnector(IConnector inner, DemoCallLedger ledger)
    {
        _inner = inner;
        _ledger = ledger;
    }

    public string System => _inner.System;

    /// <summary>Wraps a connector, keeping its <see cref="IExactVersions"/> marker.</summary>
    /// <param name="inner">The connector.</param>
    /// <param name="ledger">Where the calls are counted.</param>
    /// <returns>The wrapper.</returns>
    public static IConnector Wrap(IConnector inner, DemoCallLedger ledger) =>
        inner is IExactVersions ? new Exact(inner, ledger) : new CallClassifyingConnector(inner, ledger);

    public ConnectorHealth GetHealth() => (_inner as IConnectorHealth)?.GetHealth() ?? new ConnectorHealth(null, null, null, null, null, 0);

    public Task<SourceRecord?> GetAsync(string entity, string id, CancellationToken cancellationToken) =>
        RunAsync(DemoCallKind.Lookup, () => _inner.GetAsync(entity, id, cancellationToken));

    public Task<IReadOnlyDictionary<string, SourceRecord>> GetManyAsync(string entity, IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        RunAsync(DemoCallKind.Lookup, () => _inner.GetManyAsync(entity, ids, cancellationToken));

    public async Task<ChangePage> GetChangesAsync(string entity, string? checkpoint, CancellationToken cancellationToken)
    {
        var scope = DemoCallScope.Begin(System);
        var kind = DemoCallKind.ChangeRead;
        try
        {
            var page = await _inner.GetChangesAsync(entity, checkpoint, cancellationToken).ConfigureAwait(false);
            kind = page.Changes.Count == 0 ? DemoCallKind.IdlePoll : _echoes.IsEcho(entity, page) ? DemoCallKind.EchoRead : DemoCallKind.ChangeRead;
            return page;
        }
        finally
        {
            _ledger.Commit(scope, kind);
        }
    }

    public async Task<UpsertResult> UpsertAsync(UpsertRequest request, CancellationToken cancellationToken)
    {
        _ledger.AddWritten(System, 1);
        var result = await RunAsync(DemoCallKind.Write, () => _inner.UpsertAsync(request, cancellationToken)).ConfigureAwait(false);
        _echoes.Add([request], [new BatchItemResult(0, result, null)]);
        return result;
    }

    public async Task<IReadOnlyList<BatchItemResult>> UpsertBatchAsync(IReadOnlyList<UpsertRequest> requests, CancellationToken cancellationToken)
    {
        _ledger.AddWritten(System, requests.Count);
        var results = await RunAsync(DemoCallKind.Write, () => _inner.UpsertBatchAsync(requests, cancellationToken)).ConfigureAwait(false);
        _echoes.Add(requests, results);
        return results;
    }

    public Task<bool> DeleteAsync(string entity, string id, CancellationToken cancellationToken) =>
        RunAsync(DemoCallKind.Write, () => _inner.DeleteAsync(entity, id, cancellationToken));

    private async Task<T> RunAsync<T>(DemoCallKind kind, Func<Task<T>> operation)
    {
        var scope = DemoCallScope.Begin(System);
        try
        {
            return await operation().ConfigureAwait(false);
        }
        finally
        {
            _ledger.Commit(scope, kind);
        }
    }

    /// <summary>The wrapper of a connector that carries <see cref="IExactVersions"/>.</summary>
    private sealed class Exact(IConnector inner, DemoCallLedger ledger) : CallClassifyingConnector(inner, ledger), IExactVersions;
}
