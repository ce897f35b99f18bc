namespace CrmBridge.Mappings.Abstractions;

/// <summary>One compiled mapping as the pipeline sees it: which records flow from where to where, keyed how.</summary>
public sealed record SyncRoute
{
    /// <summary>Gets the unique route (mapping) name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the source system.</summary>
    public required string SourceSystem { get; init; }

    /// <summary>Gets the source entity.</summary>
    public required string SourceEntity { get; init; }

    /// <summary>Gets the target system.</summary>
    public required string TargetSystem { get; init; }

    /// <summary>Gets the target entity.</summary>
    public required string TargetEntity { get; init; }

    /// <summary>Gets the source field holding the record id.</summary>
    public required string SourceKeyField { get; init; }

    /// <summary>Gets the target field the mapped document carries the key in; the upsert is keyed by it.</summary>
    public required string TargetKeyField { get; init; }

    /// <summary>Gets the source field that orders versions, or <see langword="null"/>.</summary>
    public string? VersionField { get; init; }

    /// <summary>Gets what happens on source deletes.</summary>
    public DeleteBehavior OnDelete { get; init; }

    /// <summary>Gets the lookups the route's field rules use.</summary>
    public IReadOnlyList<LookupDefinition> Lookups { get; init; } = [];

    /// <summary>Gets the fields this direction may write (two-way sync ownership); empty = all mapped fields.</summary>
    public IReadOnlyList<string> Owns { get; init; } = [];

    /// <summary>Gets the source-record fields that receive the sync outcome, or <see langword="null"/> when none are configured.</summary>
    public SyncStatusFields? SyncStatus { get; init; }
}
