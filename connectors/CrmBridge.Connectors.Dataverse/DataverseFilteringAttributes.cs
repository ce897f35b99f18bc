namespace CrmBridge.Connectors.Dataverse;

/// <summary>
/// Turns the source paths a route's mapping reads into the Update step's <c>filteringattributes</c>: the first path segment,
/// without annotations (<c>statuscode@OData…</c> → <c>statuscode</c>) and lookup decoration (<c>_customerid_value</c> →
/// <c>customerid</c>), lower-cased; without the key, system columns the platform sets on every write (<c>modifiedon</c>,
/// <c>versionnumber</c>, …), the lines property and the bridge's status columns, which must never fire a sync.
/// </summary>
public static class DataverseFilteringAttributes
{
    private static readonly HashSet<string> SystemColumns = new(StringComparer.Ordinal)
    {
        "versionnumber", "modifiedon", "modifiedby", "modifiedonbehalfby", "createdon", "createdby", "createdonbehalfby", "@odata.etag",
    };

    /// <summary>Computes the filtering attributes.</summary>
    /// <param name="sourcePaths">The source paths of every route reading the entity.</param>
    /// <param name="entity">The entity's options (id field, lines property).</param>
    /// <param name="excluded">Further columns that must not fire the step (the status columns).</param>
    /// <returns>The logical names, sorted ordinally, without duplicates.</returns>
    public static IReadOnlyList<string> From(IEnumerable<string> sourcePaths, DataverseEntityOptions entity, IEnumerable<string> excluded)
    {
        ArgumentNullException.ThrowIfNull(sourcePaths);
        ArgumentNullException.ThrowIfNull(entity);
        var skip = new HashSet<string>(excluded, StringComparer.OrdinalIgnoreCase) { entity.IdField };
        if (entity.LinesProperty is { Length: > 0 } lines)
        {
            skip.Add(lines);
        }

        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in sourcePaths)
        {
            var column = path.Split('.')[0];
            var at = column.IndexOf('@', StringComparison.Ordinal);
            column = (at > 0 ? column[..at] : column).ToLowerInvariant();
            if (column.StartsWith('_') && column.EndsWith("_value", StringComparison.Ordinal) && column.Length > 7)
            {
                column = column[1..^6];
            }

            if (column.Length > 0 && !SystemColumns.Contains(column) && !skip.Contains(column) && !column.StartsWith('@'))
            {
                result.Add(column);
            }
        }

        return [.. result];
    }
}
