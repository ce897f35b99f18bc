namespace CrmBridge.Functions.Admin;

/// <summary>The health of one component (storage, or one connector).</summary>
/// <param name="Name">The component (<c>storage</c> or the connector's system name).</param>
/// <param name="Healthy">Whether it is reachable and answering as expected.</param>
/// <param name="Detail">What was checked or what failed (error code and kind; never a secret).</param>
public sealed record ComponentHealth(string Name, bool Healthy, string Detail);
