using System.Buffers;
using System.Globalization;
using CrmBridge.Connectors.Json;

namespace CrmBridge.Connectors.Dataverse;

/// <summary>
/// Bulk writes with <c>$batch</c>: <see cref="DataverseOptions.BatchSize"/> requests per call, each in its own changeset
/// (so one bad record does not roll back the others), <c>Prefer: odata.continue-on-error</c>, per-operation results
/// matched back by <c>Content-ID</c>, or by position where a part has none (a failed change set). Batches run concurrently within <see cref="DataverseOptions.MaxConcurrency"/>.
/// </summary>
internal sealed partial class DataverseConnector
{
    public async Task<IReadOnlyList<BatchItemResult>> UpsertBatchAsync(IReadOnlyList<UpsertRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var results = new BatchItemResult?[requests.Count];
        var sendable = new List<(int Index, string Path, bool ById)>();
        for (var i = 0; i < requests.Count; i++)
        {
            try
            {
                var (path, byId) = KeyPath(Entity(requests[i].Entity), requests[i].KeyField, requests[i].KeyValue);
                sendable.Add((i, path, byId));
            }
            catch (ConnectorException error)
            {
                results[i] = new BatchItemResult(i, null, error);
            }
        }

        await Task.WhenAll(sendable.Chunk(_options.BatchSize).Select(chunk => SendBatchAsync(requests, chunk, results, cancellationToken))).ConfigureAwait(false);

        // A 412 inside the batch gets the same re-read-and-retry-once as a single upsert.
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i]!.Error is { HttpStatus: 412 } && requests[i].IfMatch is not null)
            {
                try
                {
                    results[i] = new BatchItemResult(i, await UpsertAsync(requests[i], cancellationToken).ConfigureAwait(false), null);
                }
                catch (ConnectorException error)
                {
                    results[i] = new BatchItemResult(i, null, error);
                }
            }
        }

        return results.Select(r => r!).ToArray();
    }

    private async Task SendBatchAsync(IReadOnlyList<UpsertRequest> requests, (int Index, string Path, bool ById)[] chunk, BatchItemResult?[] results, CancellationToken cancellationToken)
    {
        var boundary = DataverseHttp.NewBatchBoundary();
        var body = new SegmentedBuffer();
        foreach (var (index, path, byId) in chunk)
        {
            var request = requests[index];
            var changeset = "changeset_" + Guid.NewGuid().ToString("N");
            var ifMatch = AsEtag(request.IfMatch) ?? (byId ? "*" : null);
            body.Append("--").Append(boundary).Append("\r\nContent-Type: multipart/mixed; boundary=").Append(changeset).Append("\r\n\r\n")
                .Append("--").Append(changeset).Append("\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: ").Append((index + 1).ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n")
                .Append("PATCH ").Append(_http.ApiRoot.ToString()).Append(path).Append("?$select=").Append(Entity(request.Entity).IdField).Append(" HTTP/1.1\r\n")
                .Append("Content-Type: application/json\r\nPrefer: return=representation\r\n");
            if (ifMatch is not null)
            {
                body.Append("If-Match: ").Append(ifMatch).Append("\r\n");
            }

            body.Append("\r\n").AppendJson(Body(request)).Append("\r\n--").Append(changeset).Append("--\r\n");
        }

        body.Append("--").Append(boundary).Append("--\r\n");
        var entity = requests[chunk[0].Index].Entity;
        var reply = await _http.SendBatchAsync(boundary, body, continueOnError: true, cancellationToken).ConfigureAwait(false);
        if (!reply.IsSuccess)
        {
            throw _http.Error(reply, entity);
        }

        foreach (var (position, contentId, status, headers, json) in Responses(reply))
        {
            // Content-ID when the part has one; otherwise position: responses come in request order, and a failed change
            // set answers one part without Content-ID (the documentation's own example). Each request is its own change set.
            var index = int.TryParse(contentId, out var id) ? id - 1 : position < chunk.Length ? chunk[position].Index : -1;
            if (index < 0 || index >= results.Length || results[index] is not null)
            {
                continue;
            }

            var item = new ConnectorReply(status, headers, json, ConnectorErrors.ParseRetryAfter(headers.GetValueOrDefault("Retry-After")));
            results[index] = item.IsSuccess
                ? new BatchItemResult(index, Result(Entity(requests[index].Entity), item), null)
                : new BatchItemResult(index, null, _http.Error(item, entity));
        }

        foreach (var (index, _, _) in chunk.Where(c => results[c.Index] is null))
        {
            results[index] = new BatchItemResult(index, null, new ConnectorException(System, ErrorKind.Transient, "BATCH_NOT_EXECUTED", $"{System}: the batch answered nothing for item {index}."));
        }
    }

    private static IEnumerable<(int Position, string? ContentId, int Status, Dictionary<string, string> Headers, ReadOnlySequence<byte> Body)> Responses(ConnectorReply reply)
    {
        var position = -1;
        foreach (var (headers, content) in DataverseMultipart.Split(DataverseMultipart.Boundary(reply.Header("Content-Type")), reply.Utf8))
        {
            position++;
            if (DataverseMultipart.IsMultipart(headers.GetValueOrDefault("Content-Type")))
            {
                foreach (var (innerHeaders, innerContent) in DataverseMultipart.Split(DataverseMultipart.Boundary(headers["Content-Type"]), content))
                {
                    var (status, responseHeaders, body) = DataverseMultipart.Response(innerContent);
                    yield return (position, innerHeaders.GetValueOrDefault("Content-ID"), status, responseHeaders, body);
                }
            }
            else
            {
                var (status, responseHeaders, body) = DataverseMultipart.Response(content);
                yield return (position, headers.GetValueOrDefault("Content-ID"), status, responseHeaders, body);
            }
        }
    }
}
