using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>
/// Bulk writes with JSON <c>$batch</c> (≤ <see cref="BusinessCentralOptions.BatchSize"/> operations a call): one batch of
/// finds, then one batch of creates and header updates, each item answered on its own. An order whose lines change is
/// written on its own (its header and lines in one snapshot batch); a conflict falls back to the single upsert, which
/// re-reads and retries.
/// </summary>
internal sealed partial class BusinessCentralConnector
{
    public async Task<IReadOnlyList<BatchItemResult>> UpsertBatchAsync(IReadOnlyList<UpsertRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var results = new BatchItemResult?[requests.Count];
        if (requests.Count == 0)
        {
            return [];
        }

        var (set, options) = Writable(requests[0].Entity);
        var company = await CompanyPathAsync(cancellationToken).ConfigureAwait(false);
        var finds = new List<BatchOperation>();
        for (var i = 0; i < requests.Count; i++)
        {
            try
            {
                finds.Add(new BatchOperation(i.ToString(CultureInfo.InvariantCulture), "GET", FindUrl(company, set, options, requests[i].KeyField, requests[i].KeyValue)));
            }
            catch (ConnectorException error)
            {
                results[i] = new BatchItemResult(i, null, error);
            }
        }

        var found = new Dictionary<int, JsonObject?>();
        foreach (var (index, answer) in await SendIndependentAsync(finds, set, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                found[index] = answer.IsSuccess || answer.Status == 404
                    ? Found(answer.Status, answer.Body, set, requests[index].KeyField, requests[index].KeyValue)
                    : throw _http.Error(answer.AsReply(), set);
            }
            catch (ConnectorException error)
            {
                results[index] = new BatchItemResult(index, null, error);
            }
        }

        var writes = new List<BatchOperation>();
        var alone = new List<int>();
        foreach (var (index, existing) in found)
        {
            var request = requests[index];
            var (body, lines) = Split(request, options);
            if (existing is null)
            {
                if ((lines is { Count: > 0 } && !_options.DeepInsertLines) || string.Equals(request.KeyField, "id", StringComparison.OrdinalIgnoreCase))
                {
                    alone.Add(index);
                    continue;
                }

                body[request.KeyField] = request.KeyValue;
                if (lines is { Count: > 0 })
                {
                    body[options.LinesProperty!] = lines.DeepClone();
                }

                writes.Add(new BatchOperation(Id(index), "POST", $"{company}{set}", body));
                continue;
            }

            var operations = UpdateOperations(company, set, options, existing, body, lines, null);
            if (operations.Count == 0)
            {
                results[index] = new BatchItemResult(index, new UpsertResult(existing["id"]!.ToString(), false, VersionOf(existing)), null);
            }
            else if (operations is [{ Id: "header" } header])
            {
                writes.Add(header with { Id = Id(index) });
            }
            else
            {
                alone.Add(index);
            }
        }

        foreach (var (index, answer) in await SendIndependentAsync(writes, set, cancellationToken).ConfigureAwait(false))
        {
            if (answer.IsSuccess && answer.Body?["id"]?.ToString() is { } id)
            {
                results[index] = new BatchItemResult(index, new UpsertResult(id, answer.Status == 201, VersionOf(answer.Body)), null);
                continue;
            }

            var error = _http.Error(answer.AsReply(), set);
            if (error.ErrorCode is BusinessCentralErrors.EntityChanged or BusinessCentralErrors.SameKeyExists)
            {
                alone.Add(index);
            }
            else
            {
                results[index] = new BatchItemResult(index, null, error);
            }
        }

        foreach (var index in alone)
        {
            try
            {
                results[index] = new BatchItemResult(index, await UpsertAsync(requests[index], cancellationToken).ConfigureAwait(false), null);
            }
            catch (ConnectorException error)
            {
                results[index] = new BatchItemResult(index, null, error);
            }
        }

        return results.Select((r, i) => r ?? new BatchItemResult(i, null, NotExecuted(i))).ToArray();
    }

    private static string Id(int index) => index.ToString(CultureInfo.InvariantCulture);

    private ConnectorException NotExecuted(int index) =>
        new(System, ErrorKind.Transient, "BATCH_NOT_EXECUTED", $"{System}: the batch answered nothing for item {index}.");

    /// <summary>Sends operations in chunks without isolation: each answer stands alone. Yields (index, answer) by numeric id.</summary>
    private async Task<List<(int Index, BatchAnswer Answer)>> SendIndependentAsync(List<BatchOperation> operations, string entity, CancellationToken cancellationToken)
    {
        var all = new List<(int, BatchAnswer)>();
        foreach (var chunk in operations.Chunk(_options.BatchSize))
        {
            var answers = await SendBatchAsync(chunk, isolated: false, entity, cancellationToken).ConfigureAwait(false);
            foreach (var op in chunk)
            {
                var index = int.Parse(op.Id, CultureInfo.InvariantCulture);
                all.Add((index, answers.TryGetValue(op.Id, out var answer)
                    ? answer
                    : new BatchAnswer(op.Id, 500, new JsonObject { ["error"] = new JsonObject { ["code"] = "BATCH_NOT_EXECUTED", ["message"] = "no answer in the batch" } }, null)));
            }
        }

        return all;
    }

    /// <summary>Sends operations as one transaction (<c>Isolation: snapshot</c>); any failed operation fails the whole write.</summary>
    private async Task<Dictionary<string, BatchAnswer>> SendAtomicAsync(List<BatchOperation> operations, string entity, CancellationToken cancellationToken)
    {
        if (operations.Count > JsonBatch.MaxOperations)
        {
            throw Permanent("TOO_MANY_LINES", $"one '{entity}' write needs {operations.Count} operations; a transactional $batch allows {JsonBatch.MaxOperations}.");
        }

        var answers = await SendBatchAsync(operations, isolated: true, entity, cancellationToken).ConfigureAwait(false);
        foreach (var op in operations)
        {
            if (answers.TryGetValue(op.Id, out var answer) && !answer.IsSuccess)
            {
                throw _http.Error(answer.AsReply(), entity);
            }
        }

        return answers;
    }

    private async Task<Dictionary<string, BatchAnswer>> SendBatchAsync(IReadOnlyList<BatchOperation> operations, bool isolated, string entity, CancellationToken cancellationToken)
    {
        var body = JsonBatch.Build(operations);
        var reply = await _http.SendAsync(
            () =>
            {
                var request = BusinessCentralHttp.Json(HttpMethod.Post, Url("$batch"), body);
                if (isolated)
                {
                    request.Headers.TryAddWithoutValidation("Isolation", "snapshot");
                }

                return request;
            },
            cancellationToken).ConfigureAwait(false);
        if (!reply.IsSuccess)
        {
            throw _http.Error(reply, entity);
        }

        BusinessCentralLog.Batch(_logger, System, entity, operations.Count, isolated);
        return JsonBatch.Parse(reply.Json());
    }
}
