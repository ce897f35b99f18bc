using System.Globalization;
using CrmBridge.Cli.Demo.Calls;
using CrmBridge.Mappings;
using CrmBridge.Mappings.Abstractions;

namespace CrmBridge.Cli.Demo;

/// <summary>
/// Builds the demo's API-economy rows: per direction, the source system's reads and the target system's writes, each
/// classified from the phase's calls and set against the minimum the APIs' limits allow for the same records. The
/// minimum of a read row: ⌈records / page⌉ × ⌈fields / fields per call⌉ per source entity, plus ⌈lines / page⌉ where
/// lines are read apart from their orders (Dataverse), plus ⌈records / batch⌉ per entity whose routes write the sync
/// status back onto the source (those writes are record-driven calls of the row). Of a write row: ⌈records / batch⌉ per
/// target entity. <see cref="DemoDirectionCalls.MinimumHow"/> spells the sum out.
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
    /// <param name="mappings">The mappings (the fields a read role's routes need), or <see langword="null"/>.</param>
    /// <param name="lines">Child rows the source returns apart from their records (Dataverse order lines), read role only.</param>
    /// <returns>The row.</returns>
    public static DemoDirectionCalls Row(
        string direction,
        string system,
        string role,
        DemoApiLimits? limits,
        IReadOnlyList<SyncRoute> routes,
        IReadOnlyDictionary<string, int> counts,
        long calls,
        DemoCallCounts phase,
        MappingSet? mappings = null,
        long lines = 0)
    {
        int CountOf(SyncRoute r) => counts.TryGetValue(r.SourceEntity, out var n) ? n : counts.GetValueOrDefault(r.Name);
        var records = routes.GroupBy(r => r.SourceEntity).Sum(g => (long)CountOf(g.First()));
        var (minimum, how) = limits is null ? (null, null)
            : role == "read" ? ReadMinimum(limits, routes, CountOf, mappings, lines)
            : WriteMinimum(limits, routes, CountOf);
        var reads = phase[system, DemoCallKind.ChangeRead];
        var lineReads = phase[system, DemoCallKind.LineRead];
        var echoes = phase[system, DemoCallKind.EchoRead];
        return new DemoDirectionCalls(direction, system, role, records, calls, minimum)
        {
            MinimumHow = how,
            IdlePolls = phase[system, DemoCallKind.IdlePoll],
            ChangeReads = role == "read" ? reads : 0,
            LineReads = role == "read" ? lineReads : 0,
            EchoReads = role == "write" ? reads + lineReads + echoes : echoes,
            Lookups = phase[system, DemoCallKind.Lookup],
            Writes = phase[system, DemoCallKind.Write],
            RecordsWritten = phase[system, DemoCallKind.RecordWritten],
            OtherCalls = phase[system, DemoCallKind.Auth] + phase[system, DemoCallKind.Other],
        };
    }

    private static (long?, string?) ReadMinimum(DemoApiLimits limits, IReadOnlyList<SyncRoute> routes, Func<SyncRoute, int> countOf, MappingSet? mappings, long lines)
    {
        var terms = new List<(string Text, long Calls)>();
        foreach (var group in routes.GroupBy(r => r.SourceEntity))
        {
            var n = countOf(group.First());
            var fields = mappings is null ? 0 : FieldsRead(group, mappings);
            var sets = limits.FieldSets(fields);
            var text = sets > 1 ? $"{group.Key} ⌈{n}/{limits.PageSize}⌉×⌈{fields}/{limits.MaxFieldsPerRead}⌉" : $"{group.Key} ⌈{n}/{limits.PageSize}⌉";
            terms.Add((text, limits.Reads(n) * sets));
        }

        if (lines > 0)
        {
            terms.Add(($"lines ⌈{lines}/{limits.PageSize}⌉", limits.Reads(lines)));
        }

        foreach (var group in routes.Where(r => r.SyncStatus is not null).GroupBy(r => r.SourceEntity))
        {
            var n = countOf(group.First());
            terms.Add(($"status writes {group.Key} ⌈{n}/{limits.BatchSize}⌉", limits.Writes(n)));
        }

        return Sum(terms);
    }

    private static (long?, string?) WriteMinimum(DemoApiLimits limits, IReadOnlyList<SyncRoute> routes, Func<SyncRoute, int> countOf) =>
        Sum(routes.GroupBy(r => r.TargetEntity).Select(g => (Entity: g.Key, Records: g.Sum(countOf))).Select(t => ($"{t.Entity} ⌈{t.Records}/{limits.BatchSize}⌉", limits.Writes(t.Records))).ToList());

    /// <summary>The top-level fields a source entity's routes read, with the version field, without the id (it comes with every read).</summary>
    private static int FieldsRead(IEnumerable<SyncRoute> routes, MappingSet mappings)
    {
        var fields = new HashSet<string>(StringComparer.Ordinal);
        foreach (var route in routes)
        {
            fields.UnionWith(mappings.SourceFields(route).Select(p => p.Split('.', '[')[0]));
            if (route.VersionField is { } version)
            {
                fields.Add(version);
            }

            fields.Remove(route.SourceKeyField);
        }

        return fields.Count;
    }

    private static (long?, string?) Sum(IReadOnlyList<(string Text, long Calls)> terms)
    {
        var total = terms.Sum(t => t.Calls);
        return (total, string.Join(" + ", terms.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Text} = {t.Calls}"))) + string.Create(CultureInfo.InvariantCulture, $" → {total}"));
    }
}
