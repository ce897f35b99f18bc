using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>
/// Change polling by <c>lastModifiedDateTime</c> (<c>$filter=lastModifiedDateTime ge …&amp;$orderby=lastModifiedDateTime asc</c>,
/// server paging by <c>@odata.nextLink</c>). The watermark's newest instant is not taken as final: each poll re-reads
/// <see cref="BusinessCentralOptions.WatermarkOverlap"/> before it, so a record committed late with an earlier timestamp
/// is still found, and versions already returned (remembered as short hashes in the checkpoint) are not returned again.
/// Deletes are not visible to polling; they arrive by webhook.
/// </summary>
internal sealed class BusinessCentralChangeFeed
{
    private readonly BusinessCentralApi _api;
    private readonly BusinessCentralReader _reader;

    public BusinessCentralChangeFeed(BusinessCentralApi api, BusinessCentralReader reader)
    {
        _api = api;
        _reader = reader;
    }

    public async Task<ChangePage> GetChangesAsync(string entity, string? checkpoint, CancellationToken cancellationToken)
    {
        var (set, options) = _api.Entity(entity);
        var state = WatermarkCheckpoint.Parse(checkpoint);
        if (checkpoint is not null && state is null)
        {
            throw new ConnectorException(_api.System, ErrorKind.CheckpointExpired, "CHECKPOINT_MISMATCH", $"{_api.System}: the '{set}' checkpoint is not a lastModifiedDateTime watermark.");
        }

        state ??= new WatermarkCheckpoint();
        var company = await _api.CompanyPathAsync(cancellationToken).ConfigureAwait(false);
        var link = state.Next ?? PollUrl(company, set, options, state.Watermark is { } w ? w - _api.Options.WatermarkOverlap : null);
        var reply = await _api.GetAsync(link, cancellationToken, _api.Options.PageSize).ConfigureAwait(false);
        if (!reply.IsSuccess || reply.Json() is not { } body)
        {
            throw _api.Error(reply, set);
        }

        var skip = state.Seen.Select(WatermarkCheckpoint.HashOf).ToHashSet(StringComparer.Ordinal);
        var newest = state.Newest;
        var pollSeen = new List<string>(state.PollSeen);
        var records = new List<JsonObject>();
        foreach (var row in (body["value"]?.AsArray() ?? []).OfType<JsonObject>())
        {
            var id = row["id"]?.ToString();
            if (id is null || !DateTimeOffset.TryParse(BusinessCentralApi.VersionOf(row), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var modified))
            {
                continue;
            }

            var entry = WatermarkCheckpoint.Entry(id, modified);
            pollSeen.Add(entry);
            newest = newest is null || modified > newest ? modified : newest;
            if (!skip.Contains(WatermarkCheckpoint.HashOf(entry)))
            {
                records.Add(BusinessCentralApi.Clean(row));
            }
        }

        await _reader.AttachTrackingAsync(set, records, cancellationToken).ConfigureAwait(false);
        var changes = records.Select(r => new RecordChange(r["id"]!.ToString(), ChangeOperation.Upsert, BusinessCentralApi.VersionOf(r), r)).ToList();
        var next = body["@odata.nextLink"]?.ToString();
        var floor = (newest ?? DateTimeOffset.MinValue.AddYears(1)) - _api.Options.WatermarkOverlap;
        var resume = next is not null
            ? state with { Next = _api.Relative(next), Newest = newest, PollSeen = WatermarkCheckpoint.Prune(pollSeen, floor) }
            : new WatermarkCheckpoint { Watermark = newest ?? state.Watermark, Seen = WatermarkCheckpoint.Prune(pollSeen.Concat(state.Seen), floor) };
        BusinessCentralLog.ChangePage(_api.Logger, _api.System, set, changes.Count, next is not null);
        return new ChangePage(changes, resume.ToString(), next is not null);
    }

    /// <summary>
    /// Follows a <c>collection</c> notification: every record of the entity modified after <paramref name="since"/>
    /// (all pages), as changes with snapshots.
    /// </summary>
    /// <param name="entity">The entity set.</param>
    /// <param name="since">The notification's lastModifiedDateTime (records modified after it are returned).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The changes.</returns>
    public async Task<IReadOnlyList<RecordChange>> QueryModifiedSinceAsync(string entity, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var (set, options) = _api.Entity(entity);
        var company = await _api.CompanyPathAsync(cancellationToken).ConfigureAwait(false);
        string? link = PollUrl(company, set, options, since, inclusive: false);
        var changes = new List<RecordChange>();
        while (link is not null)
        {
            var reply = await _api.GetAsync(link, cancellationToken, _api.Options.PageSize).ConfigureAwait(false);
            if (!reply.IsSuccess || reply.Json() is not { } body)
            {
                throw _api.Error(reply, set);
            }

            var records = (body["value"]?.AsArray() ?? []).OfType<JsonObject>().Select(BusinessCentralApi.Clean).ToList();
            await _reader.AttachTrackingAsync(set, records, cancellationToken).ConfigureAwait(false);
            changes.AddRange(records.Select(r => new RecordChange(r["id"]!.ToString(), ChangeOperation.Upsert, BusinessCentralApi.VersionOf(r), r)));
            link = body["@odata.nextLink"]?.ToString() is { } next ? _api.Relative(next) : null;
        }

        return changes;
    }

    private static string PollUrl(string company, string set, BusinessCentralEntityOptions options, DateTimeOffset? from, bool inclusive = true)
    {
        var query = new List<string>();
        if (from is { } f)
        {
            query.Add("$filter=" + Uri.EscapeDataString($"lastModifiedDateTime {(inclusive ? "ge" : "gt")} {BusinessCentralApi.Iso(f)}"));
        }

        query.Add("$orderby=" + Uri.EscapeDataString("lastModifiedDateTime asc"));
        if (options.LinesProperty is not null)
        {
            query.Add("$expand=" + options.LinesProperty);
        }

        return $"{company}{set}?{string.Join('&', query)}";
    }
}
