namespace CrmBridge.Connectors;

/// <summary>
/// Names the cross-reference entities that hold what an asynchronous target assigned on acceptance
/// (<see cref="IAcceptanceFeed"/>): a CRM record delivered to <c>staging/customer</c> under its business key is also
/// cross-referenced with <c>staging/customer.erp_number/&lt;number&gt;</c> and <c>staging/customer.erp_id/&lt;id&gt;</c> once the ERP
/// accepted it. A mapping lookup whose target is one of these entities resolves to the ERP's number (or id).
/// </summary>
public static class AssignedIdentity
{
    /// <summary>The suffix of the entity holding the system's own ids.</summary>
    public const string IdSuffix = ".erp_id";

    /// <summary>The suffix of the entity holding the system's numbers.</summary>
    public const string NumberSuffix = ".erp_number";

    /// <summary>Gets the entity whose ids are the system's own ids of <paramref name="entity"/> records.</summary>
    /// <param name="entity">The entity the bridge writes (<c>customer</c>).</param>
    /// <returns><c>customer.erp_id</c>.</returns>
    public static string IdEntity(string entity) => entity + IdSuffix;

    /// <summary>Gets the entity whose ids are the system's numbers of <paramref name="entity"/> records.</summary>
    /// <param name="entity">The entity the bridge writes (<c>customer</c>).</param>
    /// <returns><c>customer.erp_number</c>.</returns>
    public static string NumberEntity(string entity) => entity + NumberSuffix;

    /// <summary>Gets the entity the bridge writes when <paramref name="entity"/> names assigned ids or numbers.</summary>
    /// <param name="entity">An entity name (<c>customer.erp_number</c>).</param>
    /// <param name="written">The written entity (<c>customer</c>).</param>
    /// <returns><see langword="true"/> when <paramref name="entity"/> is an assigned-identity entity.</returns>
    public static bool TryGetWrittenEntity(string entity, out string written)
    {
        ArgumentNullException.ThrowIfNull(entity);
        foreach (var suffix in (string[])[IdSuffix, NumberSuffix])
        {
            if (entity.Length > suffix.Length && entity.EndsWith(suffix, StringComparison.Ordinal))
            {
                written = entity[..^suffix.Length];
                return true;
            }
        }

        written = entity;
        return false;
    }
}
