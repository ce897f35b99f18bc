namespace CrmBridge.Connectors;

/// <summary>Where a connection's credentials stand, as the connector last saw them.</summary>
public enum AuthenticationState
{
    /// <summary>No token or session was requested yet in this process (or the system uses a static key).</summary>
    Unknown = 0,

    /// <summary>A token or session was obtained and is in use.</summary>
    Obtained = 1,

    /// <summary>A token or session is being requested right now.</summary>
    Refreshing = 2,

    /// <summary>The system refuses our credentials (token endpoint error, or 401/403 from the API since the last success).</summary>
    Failing = 3,
}
