namespace CrmBridge.Mappings;

/// <summary>The outcome of loading mapping files: the compiled set, or every problem found.</summary>
public sealed class MappingLoadResult
{
    internal MappingLoadResult(MappingSet? set, IReadOnlyList<MappingDiagnostic> diagnostics, IReadOnlyList<string> files)
    {
        Set = set;
        Diagnostics = diagnostics;
        Files = files;
    }

    /// <summary>Gets a value indicating whether every file loaded without errors.</summary>
    public bool IsValid => Diagnostics.Count == 0 && Set is not null;

    /// <summary>Gets the compiled mappings when <see cref="IsValid"/>.</summary>
    public MappingSet? Set { get; }

    /// <summary>Gets every problem found (empty when valid).</summary>
    public IReadOnlyList<MappingDiagnostic> Diagnostics { get; }

    /// <summary>Gets the mapping files that were read (display names).</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Gets the set or throws a <see cref="MappingException"/> listing every problem.</summary>
    /// <returns>The compiled mappings.</returns>
    public MappingSet GetSetOrThrow() => IsValid ? Set! : throw new MappingException(Diagnostics);
}
