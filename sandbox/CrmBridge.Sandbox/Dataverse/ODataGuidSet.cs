namespace CrmBridge.Sandbox.Dataverse;

/// <summary>
/// Recognises the one filter shape that is answered from an index: equality of one column with GUIDs, joined by
/// <c>or</c> (<c>_salesorderid_value eq 1… or _salesorderid_value eq 2…</c>), as connectors read lines or records in bulk.
/// </summary>
internal static class ODataGuidSet
{
    /// <summary>Tries to read the filter as <c>column eq guid (or column eq guid)*</c>, optionally in parentheses.</summary>
    /// <param name="filter">The <c>$filter</c> value.</param>
    /// <param name="column">The column compared.</param>
    /// <param name="ids">The GUIDs it is compared with.</param>
    /// <returns>Whether the filter has that shape.</returns>
    public static bool TryParse(string filter, out string column, out HashSet<Guid> ids)
    {
        column = string.Empty;
        ids = [];
        var text = filter.Trim();
        while (text.StartsWith('(') && text.EndsWith(')'))
        {
            text = text[1..^1].Trim();
        }

        foreach (var term in text.Split(" or ", StringSplitOptions.TrimEntries))
        {
            var parts = term.Trim('(', ')', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 3 || parts[1] != "eq" || !Guid.TryParse(parts[2], out var id) || (column.Length > 0 && column != parts[0]))
            {
                return false;
            }

            column = parts[0];
            ids.Add(id);
        }

        return column.Length > 0 && (char.IsLetter(column[0]) || column[0] == '_');
    }
}
