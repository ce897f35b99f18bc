namespace CrmBridge.Sandbox.Dataverse;

/// <summary>
/// Rows of one table by the GUID value of one column, built on first use and rebuilt after any write to the table
/// (its <see cref="DataverseTable.Stamp"/>), so that bulk reads by a lookup column do not scan every row.
/// </summary>
internal sealed class DataverseColumnIndex
{
    private readonly Dictionary<Guid, List<Guid>> _rows = [];

    private DataverseColumnIndex(long stamp) => Stamp = stamp;

    /// <summary>Gets the table stamp the index was built at.</summary>
    public long Stamp { get; }

    /// <summary>Builds the index of a column (call under the store's gate).</summary>
    /// <param name="table">The table.</param>
    /// <param name="column">The column.</param>
    /// <returns>The index.</returns>
    public static DataverseColumnIndex Build(DataverseTable table, string column)
    {
        var index = new DataverseColumnIndex(table.Stamp);
        foreach (var row in table.Rows.Values)
        {
            if (row.Data[column] is { } node && node.GetValueKind() == System.Text.Json.JsonValueKind.String && Guid.TryParse(node.GetValue<string>(), out var value))
            {
                if (!index._rows.TryGetValue(value, out var ids))
                {
                    index._rows[value] = ids = [];
                }

                ids.Add(row.Id);
            }
        }

        return index;
    }

    /// <summary>Gets the ids of the rows whose column holds one of the values.</summary>
    /// <param name="values">The values.</param>
    /// <returns>The row ids.</returns>
    public IEnumerable<Guid> RowsWith(IEnumerable<Guid> values) => values.SelectMany(v => _rows.TryGetValue(v, out var ids) ? ids : []);
}
