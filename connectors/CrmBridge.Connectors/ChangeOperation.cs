namespace CrmBridge.Connectors;

/// <summary>What happened to a record in its source system.</summary>
public enum ChangeOperation
{
    /// <summary>The record was created or updated.</summary>
    Upsert = 0,

    /// <summary>The record was deleted (or invalidated) in the source.</summary>
    Delete = 1,
}
