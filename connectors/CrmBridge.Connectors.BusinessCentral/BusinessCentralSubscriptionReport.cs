namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>What one <see cref="BusinessCentralSubscriptionManager.EnsureAsync"/> run did.</summary>
/// <param name="Created">Subscriptions created (none existed, or Business Central had deleted it).</param>
/// <param name="Renewed">Subscriptions renewed because they expired within <see cref="BusinessCentralOptions.RenewBefore"/>.</param>
/// <param name="Unchanged">Subscriptions still valid long enough.</param>
public sealed record BusinessCentralSubscriptionReport(int Created, int Renewed, int Unchanged);
