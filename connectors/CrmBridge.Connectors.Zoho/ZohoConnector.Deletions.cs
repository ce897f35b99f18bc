using System.Globalization;
using RestSharp;

namespace CrmBridge.Connectors.Zoho;

/// <summary>
/// Deletion detection for polling: each poll of a module ends with <c>GET /{module}/deleted?type=all</c> from the
/// checkpoint's own deletion floor (<see cref="ZohoCheckpoint.DeletedFloor"/>), paged with <c>page</c>/<c>per_page</c>.
/// <c>deleted_time</c> has one-second resolution, so the floor follows the change poll's rule: it moves only to the closed
/// edge (Zoho's <c>Date</c> minus <see cref="ZohoConnectorOptions.ChangeOverlap"/>) of the read's first page, and the next
/// read asks again from there; a deletion seen twice is one more delete envelope, which deletes nothing the second time.
/// </summary>
internal sealed partial class ZohoConnector
{
    /// <summary>Reads one page of deletions and appends them, as deletes, to the last page of a change poll.</summary>
    /// <param name="module">The module.</param>
    /// <param name="state">The checkpoint after the change poll (or during the deletion read).</param>
    /// <param name="changes">The change poll's last page (empty when the deletion read is paging).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page: the changes, then the deletions; more while Zoho has more deletion pages.</returns>
    private async Task<ChangePage> DeletionsAsync(ZohoModule module, ZohoCheckpoint state, List<RecordChange> changes, CancellationToken cancellationToken)
    {
        var floor = ParseTime(state.DeletedFloor ?? state.Watermark!);
        var page = Math.Max(state.DeletedPage, 1);
        var response = await _api.SendAsync(Method.Get, $"{module.ApiName}/deleted", r =>
        {
            r.AddQueryParameter("type", "all");
            r.AddQueryParameter("page", page.ToString(CultureInfo.InvariantCulture));
            r.AddQueryParameter("per_page", _options.PageSize.ToString(CultureInfo.InvariantCulture));
            // Zoho does not say whether a deletion stamped with the header's own second is included: asking from the
            // second before the floor returns every deletion at or after the floor under either reading.
            r.AddHeader("If-Modified-Since", FormatTime(floor.AddSeconds(-1)));
        }, false, cancellationToken).ConfigureAwait(false);

        var deleted = ZohoDeletedRecords.Parse(response.Body);
        var edge = state.DeletedEdge is { } e ? ParseTime(e) : ClosedBefore(response);
        var ids = deleted.Records.Select(d => d.Id).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count > 0)
        {
            // A record deleted after the change poll read it: its delete supersedes the snapshot read a moment earlier.
            var gone = ids.ToHashSet(StringComparer.Ordinal);
            changes.RemoveAll(c => gone.Contains(c.Id));
            changes.AddRange(ids.Select(id => new RecordChange(id, ChangeOperation.Delete, null, null)));
            Log.DeletionsRead(_logger, System, module.Entity, ids.Count, page);
        }

        if (deleted.MoreRecords && deleted.Records.Count > 0)
        {
            var paging = state with { DeletedPage = page + 1, DeletedEdge = FormatTime(edge) };
            return new ChangePage(changes, paging.Serialize(), true);
        }

        // Every deletion stamped before the first page's closed edge was listed; later ones are read again next poll.
        var next = state with { DeletedFloor = FormatTime(edge > floor ? edge : floor), DeletedPage = 0, DeletedEdge = null };
        return new ChangePage(changes, next.Serialize(), false);
    }
}
