using System.Text;
using CrmBridge.Mappings.Abstractions;

namespace CrmBridge.Mappings.Runtime;

/// <summary>The state of one <c>Map</c> call: the resolver, the errors and missing lookups found, the collection item being mapped.</summary>
internal sealed class MapRun
{
    private List<(CollectionPlan Plan, int Index)>? _frames;
    private List<MappingError>? _errors;
    private List<MissingLookup>? _missing;

    public MapRun(ILookupResolver lookups) => Lookups = lookups;

    public ILookupResolver Lookups { get; }

    public IReadOnlyList<MappingError>? Errors => _errors;

    public IReadOnlyList<MissingLookup>? Missing => _missing;

    public void Enter(CollectionPlan plan, int index) => (_frames ??= []).Add((plan, index));

    public void Leave() => _frames!.RemoveAt(_frames.Count - 1);

    public void Error(string field, string? sourcePath, string code, string message) =>
        (_errors ??= []).Add(new MappingError(Qualify(field, target: true), sourcePath is null ? null : Qualify(sourcePath, target: false), code, message));

    public void MissingLookup(string lookup, string sourceId, string field) =>
        (_missing ??= []).Add(new MissingLookup(lookup, sourceId, Qualify(field, target: true)));

    // Only called on the error path, so the happy path builds no prefix strings.
    private string Qualify(string name, bool target)
    {
        if (_frames is null || _frames.Count == 0)
        {
            return name;
        }

        var builder = new StringBuilder();
        foreach (var (plan, index) in _frames)
        {
            builder.Append(target ? plan.Target.Text : plan.Source.Text).Append('[').Append(index).Append("].");
        }

        return builder.Append(name).ToString();
    }
}
