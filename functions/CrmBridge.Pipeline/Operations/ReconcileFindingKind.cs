namespace CrmBridge.Pipeline.Operations;

/// <summary>What <see cref="ReconcileService"/> found wrong with one record.</summary>
public enum ReconcileFindingKind
{
    /// <summary>The source record has no cross-reference to a target record, or its target record is gone.</summary>
    Missing = 0,

    /// <summary>The target record differs from the mapping of the source's latest version (mapped fields only).</summary>
    Stale = 1,

    /// <summary>A target record's cross-reference points to a source record that no longer exists.</summary>
    Orphaned = 2,

    /// <summary>The source record fails its mapping (it belongs in the dead letters, not in the target).</summary>
    Unmappable = 3,
}
