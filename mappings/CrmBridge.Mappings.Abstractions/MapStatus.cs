namespace CrmBridge.Mappings.Abstractions;

/// <summary>The outcome of applying a mapping to a record.</summary>
public enum MapStatus
{
    /// <summary>The record mapped; <see cref="MapResult.Document"/> holds the target document.</summary>
    Mapped = 0,

    /// <summary>The mapping's filter excluded the record; <see cref="MapResult.FilterReason"/> says which condition.</summary>
    Filtered = 1,

    /// <summary>The record cannot be mapped; <see cref="MapResult.Errors"/> lists every error. Permanent.</summary>
    Failed = 2,

    /// <summary>Only lookups were missing; <see cref="MapResult.MissingLookups"/> lists them. The pipeline resolves the dependencies.</summary>
    MissingLookups = 3,
}
