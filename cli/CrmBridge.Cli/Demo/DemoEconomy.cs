using CrmBridge.Cli.Demo.Calls;
using CrmBridge.Mappings.Abstractions;

namespace CrmBridge.Cli.Demo;

/// <summary>
/// Builds the demo's API-economy rows: per direction, the source system's reads and the target system's writes, each
/// classified from the phase's calls and set against the minimum the APIs' limits allow for the same records.
/// </summary>
internal static class DemoEconomy
{
    /// <summary>Builds the row of one direction on one system.</summary>
    /// <param name="direction">CRM → ERP or ERP → CRM.</param>
    /// <param name="system">The system.</param>
    /// <param name="role">read (source) or write (target).</param>
    /// <param name="limits">The system's page and batch limits (null: unknown).</param>
    /// <param name="routes">The direction's routes.</param>
    /// <param name="counts">Records per source entity or per route name.</param>
    /// <param name="calls">All calls the system served in the phase.</param>
    /// <param name="phase">The phase's classified calls.</param>
    /// <returns>The row.</returns>
    public static DemoDirectionCalls Row(
        string direction,
        string system,
        string role,
        DemoApiLimits? limits,
        IReadOnlyList<SyncRoute> routes,
        IReadOnlyDictionary<string, int> counts,
        long calls,
        DemoCallCounts phase)
    {
        int CountOf(SyncRoute r) => counts.TryGetValue(r.SourceEntity, out var n) ? n : counts.GetValueOrDefault(r.Name);
        var perEntity = role == "read"
            ? routes.GroupBy(r => r.SourceEntity).Select(g => (long)CountOf(g.First())).ToList()
            : routes.GroupBy(r => r.TargetEntity).Select(g => (long)g.Sum(CountOf)).ToList();
        var records = routes.GroupBy(r => r.SourceEntity).Sum(g => (long)CountOf(g.First()));
        long? minimum = limits is null ? null : perEntity.Sum(n => role == "read" ? limits.Reads(n) : limits.Writes(n));
        var reads = phase[system, DemoCallKind.ChangeRead];
        var lines = phase[system, DemoCallKind.LineRead];
        return new DemoDirectionCalls(direction, system, role, records, calls, minimum)
        {
            IdlePolls = phase[system, DemoCallKind.IdlePoll],
            ChangeReads = role == "read" ? reads : 0,
            LineReads = role == "read" ? lines : 0,
            EchoReads = role == "write" ? reads + lines : 0,
            Lookups = phase[system, DemoCallKind.Lookup],
            Writes = phase[system, DemoCallKind.Write],
            RecordsWritten = phase[system, DemoCallKind.RecordWritten],
            OtherCalls = phase[system, DemoCallKind.Auth] + phase[system, DemoCallKind.Other],
        };
    }
}
