using System.Diagnostics.CodeAnalysis;

namespace CrmBridge.Mappings.Abstractions;

/// <summary>Resolves cross-reference lookups while mapping. Synchronous: the pipeline pre-loads what it can.</summary>
public interface ILookupResolver
{
    /// <summary>Resolves a source id through a named lookup.</summary>
    /// <param name="lookup">The lookup name.</param>
    /// <param name="sourceId">The referenced record's id in the source system.</param>
    /// <param name="targetId">The id in the target system, when known.</param>
    /// <returns><see langword="true"/> when resolved; otherwise the mapper reports a <see cref="MissingLookup"/>.</returns>
    bool TryResolve(string lookup, string sourceId, [NotNullWhen(true)] out string? targetId);
}
