using System.Collections.Concurrent;

namespace CrmBridge.Cli.Demo.Calls;

/// <summary>
/// Counts the bridge's API calls per system and <see cref="DemoCallKind"/>: every HTTP call the bridge's clients send is
/// recorded in the scope of the connector operation that made it and classified when the operation returns.
/// </summary>
internal sealed class DemoCallLedger
{
    private readonly ConcurrentDictionary<(string System, DemoCallKind Kind), long> _counts = new();
    private readonly IReadOnlyDictionary<string, string> _linesPaths;

    /// <summary>Initializes a new instance of the <see cref="DemoCallLedger"/> class.</summary>
    /// <param name="linesPaths">Per system, the path segment of child-row reads (Dataverse <c>salesorderdetails</c>).</param>
    public DemoCallLedger(IReadOnlyDictionary<string, string> linesPaths) => _linesPaths = linesPaths;

    /// <summary>Records a call made outside any connector operation.</summary>
    /// <param name="system">The system (or the address's authority when unknown).</param>
    public void AddUnscoped(string system) => _counts.AddOrUpdate((system, DemoCallKind.Other), 1, (_, n) => n + 1);

    /// <summary>Counts records handed to a write operation.</summary>
    /// <param name="system">The system written to.</param>
    /// <param name="records">How many records.</param>
    public void AddWritten(string system, int records) => _counts.AddOrUpdate((system, DemoCallKind.RecordWritten), records, (_, n) => n + records);

    /// <summary>Classifies and counts the calls of a finished operation.</summary>
    /// <param name="scope">The operation's calls.</param>
    /// <param name="kind">What the operation was (token requests and child-row reads are told apart by address; an echo's line reads are echo reads).</param>
    public void Commit(DemoCallScope scope, DemoCallKind kind)
    {
        foreach (var uri in scope.Calls())
        {
            var path = uri.AbsolutePath;
            var actual = path.EndsWith("/token", StringComparison.OrdinalIgnoreCase) ? DemoCallKind.Auth
                : kind == DemoCallKind.EchoRead ? kind
                : _linesPaths.TryGetValue(scope.System, out var lines) && path.Contains(lines, StringComparison.OrdinalIgnoreCase) ? DemoCallKind.LineRead
                : kind;
            _counts.AddOrUpdate((scope.System, actual), 1, (_, n) => n + 1);
        }
    }

    /// <summary>Gets the counts so far.</summary>
    /// <returns>A copy.</returns>
    public DemoCallCounts Snapshot() => new(new Dictionary<(string, DemoCallKind), long>(_counts));
}
