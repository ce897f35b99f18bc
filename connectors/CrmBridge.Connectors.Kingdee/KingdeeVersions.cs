namespace CrmBridge.Connectors.Kingdee;

/// <summary>Reads the modification times of just-written records (one query), as versions.</summary>
internal sealed class KingdeeVersions(KingdeeQuery query, KingdeeClock clock)
{
    public async Task<Dictionary<string, string?>> ReadAsync(KingdeeForm form, IReadOnlyList<string> pks, CancellationToken cancellationToken)
    {
        var o = form.Options;
        var rows = await query.AllAsync(form.FormId, [o.PkField, o.ModifyDateField], KingdeeQuery.In(o.PkField, pks, numeric: true), $"{o.PkField} ASC", cancellationToken).ConfigureAwait(false);
        var versions = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (KingdeeJson.Text(row[o.PkField]) is { } pk)
            {
                versions[pk] = clock.Version(KingdeeJson.Text(row[o.ModifyDateField]));
            }
        }

        return versions;
    }
}
