using System.Collections.Concurrent;
using CrmBridge.Connectors;

namespace CrmBridge.Cli.Demo.Calls;

/// <summary>
/// The versions the bridge wrote to one system (entity, record id, version after the write, as the connector returned
/// it). A change page whose changes are all such versions returned nothing but the bridge's own writes: an echo. A
/// record a user edited after the bridge wrote it has another version, so its page is a read of the records; a connector
/// that returns no version after a write makes no echoes (its pages count as reads).
/// </summary>
internal sealed class DemoEchoVersions
{
    private readonly ConcurrentDictionary<string, byte> _written = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Remembers the versions a write produced.</summary>
    /// <param name="requests">The write's requests.</param>
    /// <param name="results">Their results, by index.</param>
    public void Add(IReadOnlyList<UpsertRequest> requests, IReadOnlyList<BatchItemResult> results)
    {
        foreach (var item in results)
        {
            if (item is { Result: { Version: { } version } result } && item.Index < requests.Count)
            {
                _written.TryAdd(Key(requests[item.Index].Entity, result.Id, version), 0);
            }
        }
    }

    /// <summary>Gets whether every change of a page is a version the bridge wrote.</summary>
    /// <param name="entity">The entity polled.</param>
    /// <param name="page">The page.</param>
    /// <returns><see langword="true"/> for a page of echoes only (an empty page is no echo).</returns>
    public bool IsEcho(string entity, ChangePage page) =>
        page.Changes.Count > 0 && page.Changes.All(c => c.Version is { } v && _written.ContainsKey(Key(entity, c.Id, v)));

    private static string Key(string entity, string id, string version) => $"{entity}\u001f{id}\u001f{version}";
}
