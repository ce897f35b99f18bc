namespace CrmBridge.Sandbox.Staging;

/// <summary>How the ERP job finished one claimed row.</summary>
public enum StagingErpOutcome
{
    /// <summary>Booked: <c>status = done</c> with <c>erp_id</c>/<c>erp_number</c>.</summary>
    Accepted = 0,

    /// <summary>Refused: <c>status = error</c> with <c>error_code</c>/<c>error_message</c>.</summary>
    Rejected = 1,

    /// <summary>Put back for a later attempt (its customer is still pending).</summary>
    Deferred = 2,

    /// <summary>Re-staged by the bridge while the job worked on it: left for the next run.</summary>
    Superseded = 3,
}
