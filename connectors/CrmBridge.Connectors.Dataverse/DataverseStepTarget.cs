namespace CrmBridge.Connectors.Dataverse;

/// <summary>One table whose Create/Update/Delete the bridge registers webhook steps for.</summary>
/// <param name="Entity">The entity name under <c>Connectors:Dataverse:Entities</c> (<c>salesorders</c>).</param>
/// <param name="LogicalName">The table's logical name (<c>salesorder</c>): the step's <c>sdkmessagefilter.primaryobjecttypecode</c>.</param>
/// <param name="FilteringAttributes">The columns whose change fires the Update step (logical names, sorted); empty = every update.</param>
public sealed record DataverseStepTarget(string Entity, string LogicalName, IReadOnlyList<string> FilteringAttributes);
