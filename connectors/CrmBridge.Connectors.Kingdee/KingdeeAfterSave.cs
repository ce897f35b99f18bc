namespace CrmBridge.Connectors.Kingdee;

/// <summary>What the connector does after a successful <c>Save</c> / <c>BatchSave</c> of a form.</summary>
public enum KingdeeAfterSave
{
    /// <summary>Nothing: the bill stays in status A (created) for K3Cloud users to submit and audit.</summary>
    None = 0,

    /// <summary>An explicit <c>Submit</c> call (status B).</summary>
    Submit = 1,

    /// <summary>Explicit <c>Submit</c> then <c>Audit</c> calls (status C); one call each per batch.</summary>
    SubmitAndAudit = 2,

    /// <summary><c>IsAutoSubmitAndAudit=true</c> on the save: save, submit and audit in one transaction (community-documented flag).</summary>
    AutoSubmitAndAudit = 3,
}
