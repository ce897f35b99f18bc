namespace CrmBridge.Connectors;

/// <summary>
/// Optional: a connector that can tell how its connection is doing (what it saw in this process). Implemented where it is
/// cheap; health reports fall back to what the state store knows (circuits, checkpoints, dead letters) for the others.
/// </summary>
public interface IConnectorHealth
{
    /// <summary>Gets what this process has seen of the connection so far.</summary>
    /// <returns>The snapshot.</returns>
    ConnectorHealth GetHealth();
}
