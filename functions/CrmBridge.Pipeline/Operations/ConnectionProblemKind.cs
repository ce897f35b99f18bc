namespace CrmBridge.Pipeline.Operations;

/// <summary>The kinds of <see cref="ConnectionProblem"/>, worst first.</summary>
public enum ConnectionProblemKind
{
    /// <summary>The system refuses our credentials (token endpoint error, 401/403): nothing works until a person fixes it.</summary>
    Authentication = 0,

    /// <summary>Deliveries to the system fail and wait (open circuit).</summary>
    Circuit = 1,

    /// <summary>A push channel (notification channel, webhook subscription) expired or could not be renewed.</summary>
    PushChannelExpired = 2,

    /// <summary>The system stopped pushing changes while polling still finds them.</summary>
    PushSilent = 3,

    /// <summary>Polling fails.</summary>
    PollFailing = 4,

    /// <summary>A change-tracking token is about to expire (or did): a full resync follows.</summary>
    ChangeTokenExpiring = 5,

    /// <summary>Many calls were throttled in the last hour.</summary>
    Throttled = 6,

    /// <summary>A checkpoint has not advanced for a day.</summary>
    StaleCheckpoint = 7,
}
