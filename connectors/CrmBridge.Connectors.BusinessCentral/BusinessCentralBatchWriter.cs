using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>
/// Bulk writes with JSON <c>$batch</c> (≤ <see cref="BusinessCentralOptions.BatchSize"/> operations a call): one batch of
/// finds, then one batch of creates and header updates, each item answered on its own. An order whose lines change is
/// written on its own (its header and lines in one snapshot batch); a conflict falls back to the single upsert, which
/// re-reads and retries.
/// </summary>
internal sealed class BusinessCentralBatchWriter
{
    private readonly BusinessCentralApi _api;
    private readonly BusinessCentralWriter _writer;
    private readonly BusinessCentralBatchClient _batch;

    public BusinessCentralBatchWriter(BusinessCentralApi api, BusinessCentralWriter writer, BusinessCentralBatchClient batch)
    {
        _api = api;
        _writer = writer;
        _batch = batch;
    }

    public async Task<IReadOnlyList<BatchItemResult>> UpsertBatchAsync(IReadOnlyList<UpsertRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var results = new BatchItemResult?[requests.Count];
        if (requests.Count == 0)
        {
            return [];
        }

        var (set, options) = _api.Writable(requests[0].Entity);
        var company = await _api.CompanyPathAsync(cancellationToken).ConfigureAwait(false);
        var finds = new List<BatchOperation>();
        for (var i = 0; i < requests.Count; i++)
        {
            try
            {
                finds.Add(new BatchOperation(i.ToString(CultureInfo.InvariantCulture), "GET", _writer.FindUrl(company, set, options, requests[i].KeyField, requests[i].KeyValue)));
            }
            catch (ConnectorException error)
            {
                results[i] = new BatchItemResult(i, null, error);
            }
        }

        var found = new Dictionary<int, JsonObject?>();
        foreach (var (index, answer) in await _batch.SendIndependentAsync(finds, set, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                found[index] = answer.IsSuccess || answer.Status == 404
                    ? _writer.Found(answer.Status, answer.Body, set, requests[index].KeyField, requests[index].KeyValue)
                    : throw _api.Error(answer.AsReply(), set);
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
            var (body, lines) = BusinessCentralWriter.Split(request, options);
            if (existing is null)
            {
                if ((lines is { Count: > 0 } && !_api.Options.DeepInsertLines) || string.Equals(request.KeyField, "id", StringComparison.OrdinalIgnoreCase))
                {
                    alone.Add(index);
                    continue;
                }

                body[request.KeyField] = request.KeyValue;
                if (lines is { Count: > 0 })
                {
                    body[options.LinesProperty!] = lines.DeepClone();
                }

                writes.Add(new BatchOperation(BusinessCentralBatchClient.Id(index), "POST", $"{company}{set}", body));
                continue;
            }

            var operations = BusinessCentralWriter.UpdateOperations(company, set, options, existing, body, lines, null);
            if (operations.Count == 0)
            {
                results[index] = new BatchItemResult(index, new UpsertResult(existing["id"]!.ToString(), false, BusinessCentralApi.VersionOf(existing)), null);
            }
            else if (operations is [{ Id: "header" } header])
            {
                writes.Add(header with { Id = BusinessCentralBatchClient.Id(index) });
            }
            else
            {
                alone.Add(index);
            }
        }

        foreach (var (index, answer) in await _batch.SendIndependentAsync(writes, set, cancellationToken).ConfigureAwait(false))
        {
            if (answer.IsSuccess && answer.Body?["id"]?.ToString() is { } id)
            {
                results[index] = new BatchItemResult(index, new UpsertResult(id, answer.Status == 201, BusinessCentralApi.VersionOf(answer.Body)), null);
                continue;
            }

            var error = _api.Error(answer.AsReply(), set);
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
                results[index] = new BatchItemResult(index, await _writer.UpsertAsync(requests[index], cancellationToken).ConfigureAwait(false), null);
            }
            catch (ConnectorException error)
            {
                results[index] = new BatchItemResult(index, null, error);
            }
        }

        return results.Select((r, i) => r ?? new BatchItemResult(i, null, _batch.NotExecuted(i))).ToArray();
    }
}
