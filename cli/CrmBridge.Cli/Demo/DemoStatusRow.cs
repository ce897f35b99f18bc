namespace CrmBridge.Cli.Demo;

/// <summary>One line of the demo's sync-status check: what the CRM records of one route show after the demo.</summary>
/// <param name="Route">The CRM → ERP route with <c>syncStatus:</c> fields.</param>
/// <param name="Entity">The CRM entity.</param>
/// <param name="Expected">The records that should show "synced" (those seeded to reach the ERP).</param>
/// <param name="Synced">Records showing "synced" and an ERP number.</param>
/// <param name="Failed">Records showing "failed".</param>
internal sealed record DemoStatusRow(string Route, string Entity, int Expected, int Synced, int Failed)
{
    /// <summary>Gets whether every expected record shows "synced" with its ERP number and none "failed".</summary>
    public bool Converged => Synced >= Expected && Failed == 0;
}
