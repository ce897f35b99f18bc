namespace CrmBridge.Mappings.Abstractions;

/// <summary>A reference the mapper could not resolve: a dependency the pipeline syncs first (or defers on).</summary>
/// <param name="Lookup">The lookup name.</param>
/// <param name="SourceId">The referenced record's source id.</param>
/// <param name="Field">The target field that needed it.</param>
public sealed record MissingLookup(string Lookup, string SourceId, string Field);
