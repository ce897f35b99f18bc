using System.Text.Json.Nodes;

namespace CrmBridge.Mappings.Abstractions;

/// <summary>The result of applying a mapping to one record: expected data problems are values, not exceptions.</summary>
public sealed record MapResult
{
    /// <summary>Gets the status.</summary>
    public required MapStatus Status { get; init; }

    /// <summary>Gets the target document (including the target key field) when <see cref="MapStatus.Mapped"/>.</summary>
    public JsonObject? Document { get; init; }

    /// <summary>Gets the condition that excluded the record when <see cref="MapStatus.Filtered"/>.</summary>
    public string? FilterReason { get; init; }

    /// <summary>Gets every field error (not just the first).</summary>
    public IReadOnlyList<MappingError> Errors { get; init; } = [];

    /// <summary>Gets the unresolved lookups.</summary>
    public IReadOnlyList<MissingLookup> MissingLookups { get; init; } = [];

    /// <summary>Creates a mapped result.</summary>
    /// <param name="document">The target document.</param>
    /// <returns>The result.</returns>
    public static MapResult Mapped(JsonObject document) => new() { Status = MapStatus.Mapped, Document = document };

    /// <summary>Creates a filtered result.</summary>
    /// <param name="reason">The condition that excluded the record.</param>
    /// <returns>The result.</returns>
    public static MapResult Filtered(string reason) => new() { Status = MapStatus.Filtered, FilterReason = reason };

    /// <summary>Creates a failed result (errors win over missing lookups: the record needs fixing either way).</summary>
    /// <param name="errors">The errors.</param>
    /// <param name="missing">Any missing lookups found too.</param>
    /// <returns>The result.</returns>
    public static MapResult Failed(IReadOnlyList<MappingError> errors, IReadOnlyList<MissingLookup>? missing = null) =>
        new() { Status = MapStatus.Failed, Errors = errors, MissingLookups = missing ?? [] };

    /// <summary>Creates a missing-lookups result.</summary>
    /// <param name="missing">The missing lookups.</param>
    /// <returns>The result.</returns>
    public static MapResult Missing(IReadOnlyList<MissingLookup> missing) => new() { Status = MapStatus.MissingLookups, MissingLookups = missing };
}
