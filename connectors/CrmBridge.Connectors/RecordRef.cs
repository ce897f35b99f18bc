namespace CrmBridge.Connectors;

/// <summary>Identifies one record in one external system.</summary>
/// <param name="System">The system name as configured (for example <c>dataverse</c>, <c>zoho</c>, <c>fxiaoke</c>, <c>erp</c>).</param>
/// <param name="Entity">The entity as the system names it (entity set, module or object API name).</param>
/// <param name="Id">The record's id in that system.</param>
public readonly record struct RecordRef(string System, string Entity, string Id)
{
    /// <inheritdoc />
    public override string ToString() => $"{System}/{Entity}/{Id}";
}
