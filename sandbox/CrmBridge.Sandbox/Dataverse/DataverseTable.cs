namespace CrmBridge.Sandbox.Dataverse;

/// <summary>One table: rows by id (O(1)), an alternate-key index and delete tombstones for change tracking.</summary>
internal sealed class DataverseTable
{
    public DataverseTable(DataverseTableSchema schema) => Schema = schema;

    /// <summary>Gets or sets the table's metadata (replaced when the metadata API adds a column; call under the store's gate).</summary>
    public DataverseTableSchema Schema { get; set; }

    public Dictionary<Guid, DataverseRow> Rows { get; } = [];

    public Dictionary<string, Guid> KeyIndex { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the deleted ids with the version at which they were deleted.</summary>
    public Dictionary<Guid, long> Tombstones { get; } = [];

    /// <summary>Gets or sets a counter the store bumps on every write (column indexes are rebuilt when it moved).</summary>
    public long Stamp { get; set; }

    /// <summary>Gets the column indexes built so far.</summary>
    public Dictionary<string, DataverseColumnIndex> Indexes { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the rows whose column holds one of the GUIDs, from an index (call under the store's gate).</summary>
    /// <param name="column">The column.</param>
    /// <param name="values">The GUIDs.</param>
    /// <returns>The rows.</returns>
    public IEnumerable<DataverseRow> RowsWhere(string column, IEnumerable<Guid> values)
    {
        if (!Indexes.TryGetValue(column, out var index) || index.Stamp != Stamp)
        {
            Indexes[column] = index = DataverseColumnIndex.Build(this, column);
        }

        return column == Schema.IdField
            ? values.Select(v => Rows.GetValueOrDefault(v)).OfType<DataverseRow>()
            : index.RowsWith(values).Select(id => Rows[id]);
    }

    /// <summary>Builds the alternate-key index entry of a row, or <see langword="null"/> when a key column is empty.</summary>
    /// <param name="row">The row.</param>
    /// <returns>The index key.</returns>
    public string? KeyOf(DataverseRow row)
    {
        if (Schema.AlternateKey.Count == 0)
        {
            return null;
        }

        var parts = new List<string>();
        foreach (var column in Schema.AlternateKey)
        {
            var value = row.Data[column]?.ToString();
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }

            parts.Add(value);
        }

        return string.Join('\u001f', parts);
    }
}
