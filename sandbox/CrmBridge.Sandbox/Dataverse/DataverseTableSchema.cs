namespace CrmBridge.Sandbox.Dataverse;

/// <summary>The metadata of one emulated table.</summary>
/// <param name="EntitySet">The entity set name (<c>accounts</c>).</param>
/// <param name="LogicalName">The logical name (<c>account</c>).</param>
/// <param name="IdField">The primary key (<c>accountid</c>).</param>
/// <param name="PrimaryNameField">The primary name column.</param>
/// <param name="AlternateKey">The alternate key columns, empty when none.</param>
/// <param name="Attributes">The writable columns.</param>
/// <param name="ChangeTracking">Whether change tracking is enabled for the table.</param>
public sealed record DataverseTableSchema(
    string EntitySet,
    string LogicalName,
    string IdField,
    string PrimaryNameField,
    IReadOnlyList<string> AlternateKey,
    IReadOnlyList<DataverseAttribute> Attributes,
    bool ChangeTracking = true)
{
    private Dictionary<string, DataverseAttribute>? _byName;
    private Dictionary<string, DataverseAttribute>? _byNav;

    /// <summary>Finds a column by logical name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The column or <see langword="null"/>.</returns>
    public DataverseAttribute? Find(string name) =>
        (_byName ??= Attributes.ToDictionary(a => a.Name, StringComparer.Ordinal)).GetValueOrDefault(name);

    /// <summary>Finds a lookup by its navigation property.</summary>
    /// <param name="nav">The navigation property (<c>parentcustomerid_account</c>).</param>
    /// <returns>The lookup column or <see langword="null"/>.</returns>
    public DataverseAttribute? FindNavigation(string nav) =>
        (_byNav ??= Attributes.Where(a => a.Targets is not null).SelectMany(a => a.Targets!.Keys.Select(k => (k, a)))
            .ToDictionary(p => p.k, p => p.a, StringComparer.Ordinal)).GetValueOrDefault(nav);
}
