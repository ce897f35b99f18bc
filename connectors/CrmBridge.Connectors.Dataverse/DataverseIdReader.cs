using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using CrmBridge.Connectors.Json;

namespace CrmBridge.Connectors.Dataverse;

/// <summary>
/// Reads the rows whose column equals one of many ids (the lines of a change page's orders, referenced records by id)
/// in as few HTTP calls as Dataverse's URL limits allow: the ids go into filters as long as the URL limits allow
/// (<see cref="DataverseOptions.MaxUrlLength"/>, <see cref="DataverseOptions.MaxBatchUrlLength"/>, less
/// <see cref="DataverseOptions.UrlLengthMargin"/>). One filter that fits a plain URL is one GET; more go as GETs inside
/// one <c>$batch</c> (each with <c>odata.maxpagesize</c>), and their <c>@odata.nextLink</c>s, unchanged, in the next round.
/// A failed request inside the batch raises the same <see cref="ConnectorException"/> a plain GET would (429 with its
/// Retry-After is throttled, 5xx transient, other 4xx permanent).
/// </summary>
internal sealed class DataverseIdReader
{
    private readonly DataverseHttp _http;
    private readonly DataverseOptions _options;
    private readonly ILogger _logger;

    public DataverseIdReader(DataverseHttp http, DataverseOptions options, ILogger logger)
    {
        _http = http;
        _options = options;
        _logger = logger;
    }

    /// <summary>Reads the rows of <paramref name="entitySet"/> whose <paramref name="field"/> is one of <paramref name="ids"/>.</summary>
    /// <param name="entity">The entity, for errors and logs.</param>
    /// <param name="entitySet">The entity set.</param>
    /// <param name="select">The <c>$select=…</c> option, or empty.</param>
    /// <param name="field">The column compared with the ids.</param>
    /// <param name="ids">The ids (GUIDs, distinct).</param>
    /// <param name="prefer">The <c>Prefer</c> header of every GET (page size, annotations).</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The rows, detached from their pages.</returns>
    public async Task<List<JsonObject>> ReadAsync(string entity, string entitySet, string select, string field, IReadOnlyCollection<string> ids, string prefer, CancellationToken cancellationToken)
    {
        var rows = new List<JsonObject>();
        if (ids.Count == 0)
        {
            return rows;
        }

        var root = _http.ApiRoot.AbsoluteUri;
        var plain = DataverseIdFilter.Urls(_http.ApiRoot, entitySet, select, field, ids, _options.MaxUrlLength - _options.UrlLengthMargin);
        var pending = (plain.Count == 1 ? plain : DataverseIdFilter.Urls(_http.ApiRoot, entitySet, select, field, ids, _options.MaxBatchUrlLength - _options.UrlLengthMargin))
            .Select(relative => root + relative).ToList();
        var (calls, requests) = (0, 0);
        while (pending.Count > 0)
        {
            IEnumerable<JsonObject> pages;
            if (pending.Count == 1 && pending[0].Length <= _options.MaxUrlLength)
            {
                pages = [await GetAsync(entity, pending[0], prefer, cancellationToken).ConfigureAwait(false)];
                calls++;
            }
            else
            {
                var groups = pending.Chunk(_options.BatchSize).ToList();
                pages = (await Task.WhenAll(groups.Select(g => BatchAsync(entity, g, prefer, cancellationToken))).ConfigureAwait(false)).SelectMany(p => p);
                calls += groups.Count;
            }

            requests += pending.Count;
            pending = [];
            foreach (var page in pages)
            {
                rows.AddRange(Detach(page));
                if (page["@odata.nextLink"]?.ToString() is { } next)
                {
                    pending.Add(next);
                }
            }
        }

        DataverseLog.IdRead(_logger, _options.System, entitySet, ids.Count, rows.Count, requests, calls);
        return rows;
    }

    private async Task<JsonObject> GetAsync(string entity, string url, string prefer, CancellationToken cancellationToken)
    {
        var reply = await _http.SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url));
                request.Headers.TryAddWithoutValidation("Prefer", prefer);
                return request;
            },
            cancellationToken).ConfigureAwait(false);
        return reply.IsSuccess && reply.Json() is { } page ? page : throw _http.Error(reply, entity);
    }

    private async Task<List<JsonObject>> BatchAsync(string entity, string[] urls, string prefer, CancellationToken cancellationToken)
    {
        // GETs are parts of their own (never inside a change set); no continue-on-error: a read that fails is retried whole.
        var boundary = DataverseHttp.NewBatchBoundary();
        var body = new SegmentedBuffer();
        foreach (var url in urls)
        {
            body.Append("--").Append(boundary).Append("\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n")
                .Append("GET ").Append(url).Append(" HTTP/1.1\r\nAccept: application/json\r\nPrefer: ").Append(prefer).Append("\r\n\r\n");
        }

        body.Append("--").Append(boundary).Append("--\r\n");
        var reply = await _http.SendBatchAsync(boundary, body, continueOnError: false, cancellationToken).ConfigureAwait(false);
        if (!DataverseBatchResponse.IsMultipart(reply))
        {
            throw reply.IsSuccess
                ? new ConnectorException(_options.System, ErrorKind.Transient, "BATCH_NOT_MULTIPART", $"{_options.System}: the $batch read of '{entity}' was answered without batch parts.", reply.Status)
                : _http.Error(reply, entity);
        }

        List<ConnectorReply> parts;
        try
        {
            parts = DataverseBatchResponse.Parts(reply);
        }
        catch (FormatException error)
        {
            throw new ConnectorException(_options.System, ErrorKind.Transient, "BATCH_MALFORMED", $"{_options.System}: the $batch read of '{entity}' answered a malformed body ({error.Message}).", reply.Status, null, error);
        }

        var pages = new List<JsonObject>(parts.Count);
        foreach (var part in parts)
        {
            pages.Add(part.IsSuccess && part.Json() is { } page ? page : throw _http.Error(part, entity));
        }

        return pages.Count == urls.Length
            ? pages
            : throw (reply.IsSuccess
                ? new ConnectorException(_options.System, ErrorKind.Transient, "BATCH_NOT_EXECUTED", $"{_options.System}: the $batch read of '{entity}' answered {pages.Count} of {urls.Length} requests.", reply.Status)
                : _http.Error(reply, entity));
    }

    /// <summary>Takes the rows out of a page (no copy: they leave the page's array).</summary>
    private static List<JsonObject> Detach(JsonObject page)
    {
        if (page["value"] is not JsonArray value)
        {
            return [];
        }

        var rows = value.OfType<JsonObject>().ToList();
        value.Clear();
        return rows;
    }
}
