namespace CrmBridge.Sandbox.BusinessCentral;

/// <summary>A committed change, for webhook subscriptions.</summary>
/// <param name="CompanyId">The company.</param>
/// <param name="Entity">The entity set (line changes are reported on their header).</param>
/// <param name="Id">The record id.</param>
/// <param name="ChangeType">created, updated or deleted.</param>
/// <param name="LastModified">When.</param>
internal sealed record BcChange(Guid CompanyId, string Entity, Guid Id, string ChangeType, DateTimeOffset LastModified);
