namespace CrmBridge.Mappings.Abstractions;

/// <summary>What a route does when its source record is deleted.</summary>
public enum DeleteBehavior
{
    /// <summary>Nothing is written to the target; the delete is logged (the safe default for ERPs).</summary>
    Ignore = 0,

    /// <summary>The cross-referenced target record is deleted through the target connector.</summary>
    Delete = 1,
}
