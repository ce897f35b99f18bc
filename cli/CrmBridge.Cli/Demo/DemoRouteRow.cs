namespace CrmBridge.Cli.Demo;

/// <summary>One line of the demo summary: one route (entity and direction).</summary>
/// <param name="Route">The mapping name.</param>
/// <param name="Direction"><c>CRM → ERP</c> or <c>ERP → CRM</c>.</param>
/// <param name="Source">The source system/entity.</param>
/// <param name="Target">The target system/entity.</param>
/// <param name="InSource">How many records should arrive.</param>
/// <param name="InTarget">How many arrived.</param>
/// <param name="DeadLettered">Open dead letters on the route.</param>
internal sealed record DemoRouteRow(string Route, string Direction, string Source, string Target, int InSource, int InTarget, int DeadLettered)
{
    /// <summary>Gets whether the route converged.</summary>
    public bool Converged => InTarget >= InSource && DeadLettered == 0;
}
