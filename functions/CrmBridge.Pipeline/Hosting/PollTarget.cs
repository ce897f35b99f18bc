namespace CrmBridge.Pipeline.Hosting;

/// <summary>One system/entity whose changes a poller detects on a schedule.</summary>
/// <param name="System">The system (a connector's <c>System</c>).</param>
/// <param name="Entity">The entity.</param>
/// <param name="Interval">How often to poll when nothing is pending.</param>
public sealed record PollTarget(string System, string Entity, TimeSpan Interval);
