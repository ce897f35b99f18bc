using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CrmBridge.Mappings;
using CrmBridge.Mappings.Abstractions;

namespace CrmBridge.Cli.Demo;

/// <summary>
/// The demo's record made unmappable on purpose: one seeded order gets a blank order number before the first sync (the
/// order mapping requires one), so it is dead-lettered and shows "failed" with the reason on the CRM record. The fix is
/// a mapping fix in the demo's copy of the mappings (a default number), then a replay; the order then shows "synced".
/// Only where the CRM → ERP order mapping has an <c>orderNumber: { from: … }</c> rule and status fields.
/// </summary>
internal sealed partial class DemoUnmappable
{
    private const string FixedNumber = "DEMO-FIXED";

    private DemoUnmappable(SyncRoute route, string file, string id, IReadOnlyDictionary<string, int> dependants)
    {
        Route = route;
        File = file;
        Id = id;
        Dependants = dependants;
    }

    /// <summary>Gets, per CRM entity, the seeded records that reference the order (a complaint linked to it): they wait for
    /// it and are dead-lettered with it, and replayed with it.</summary>
    public IReadOnlyDictionary<string, int> Dependants { get; }

    /// <summary>Gets the order route.</summary>
    public SyncRoute Route { get; }

    /// <summary>Gets the mapping file (in the demo's own copy).</summary>
    public string File { get; }

    /// <summary>Gets the CRM id of the order made unmappable.</summary>
    public string Id { get; }

    /// <summary>Blanks the order number of one seeded order, if the mappings allow the demonstration.</summary>
    /// <param name="crm">The CRM sandbox.</param>
    /// <param name="mappings">The demo's mappings (its own copy).</param>
    /// <param name="seeded">The records seeded per CRM entity.</param>
    /// <returns>The broken order, or <see langword="null"/> when this mapping set has no such order route.</returns>
    public static DemoUnmappable? Break(IDemoCrm crm, MappingSet mappings, IReadOnlyDictionary<string, int> seeded)
    {
        foreach (var route in mappings.Routes.Where(r => r.SourceSystem == crm.System && r.SyncStatus?.Status is not null && seeded.GetValueOrDefault(r.SourceEntity) > 0))
        {
            var file = mappings.FileOf(route);
            if (NumberRule().Match(System.IO.File.ReadAllText(file)) is not { Success: true } rule)
            {
                continue;
            }

            var field = rule.Groups["field"].Value;
            var id = crm.Ids(route.SourceEntity).FirstOrDefault(i => crm.Read(route.SourceEntity, i)?[field] is JsonValue v && v.ToString().Trim().Length > 0);
            if (id is not null)
            {
                crm.Edit(route.SourceEntity, id, new JsonObject { [field] = "   " });
                var dependants = seeded.Keys.Where(e => e != route.SourceEntity)
                    .ToDictionary(e => e, e => crm.Ids(e).Count(i => References(crm.Read(e, i), id)), StringComparer.Ordinal);
                return new DemoUnmappable(route, file, id, dependants);
            }
        }

        return null;
    }

    /// <summary>Gets the records expected to reach the ERP before the fix (one order fewer).</summary>
    /// <param name="seeded">The records seeded per CRM entity.</param>
    /// <returns>The counts.</returns>
    public IReadOnlyDictionary<string, int> BeforeFix(IReadOnlyDictionary<string, int> seeded) =>
        seeded.ToDictionary(p => p.Key, p => p.Value - (p.Key == Route.SourceEntity ? 1 : Dependants.GetValueOrDefault(p.Key)), StringComparer.Ordinal);

    /// <summary>Reads what the order shows: its status and error fields.</summary>
    /// <param name="crm">The CRM sandbox.</param>
    /// <returns>The status and the error text.</returns>
    public (string? Status, string? Error) Shown(IDemoCrm crm)
    {
        var record = crm.Read(Route.SourceEntity, Id);
        return (Text(record, Route.SyncStatus!.Status), Text(record, Route.SyncStatus.Error));
    }

    /// <summary>The mapping fix: orders without a number get a default one (in the demo's copy of the mappings).</summary>
    public void FixMapping() =>
        System.IO.File.WriteAllText(File, NumberRule().Replace(System.IO.File.ReadAllText(File), m => m.Value.Replace("{ from:", $"{{ default: {FixedNumber}, from:", StringComparison.Ordinal), 1));

    /// <summary>Whether a record references an id: a field holding it, or a lookup object (<c>{ "id": … }</c>) holding it.</summary>
    private static bool References(JsonObject? record, string id) =>
        record is not null && record.Any(p => p.Value is JsonValue v ? v.ToString() == id : p.Value is JsonObject o && o["id"]?.ToString() == id);

    internal static string? Text(JsonObject? record, string? field) =>
        field is null || record?[field] is not JsonValue value ? null : value.ToString();

    [GeneratedRegex(@"^\s*orderNumber:\s*\{\s*from:\s*(?<field>[A-Za-z0-9_]+)", RegexOptions.Multiline)]
    private static partial Regex NumberRule();
}
