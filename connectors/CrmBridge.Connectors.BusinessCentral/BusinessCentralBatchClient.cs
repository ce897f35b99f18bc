using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>
/// Sends JSON <c>$batch</c> calls: independent chunks of at most <see cref="BusinessCentralOptions.BatchSize"/> operations
/// whose answers stand alone, or one transaction (<c>Isolation: snapshot</c>) that fails as a whole.
/// </summary>
internal sealed class BusinessCentralBatchClient
{
    private readonly BusinessCentralApi _api;

    public BusinessCentralBatchClient(BusinessCentralApi api) => _api = api;


    public static string Id(int index) => index.ToString(CultureInfo.InvariantCulture);

    public ConnectorException NotExecuted(int index) =>
        new(_api.System, ErrorKind.Transient, "BATCH_NOT_EXECUTED", $"{_api.System}: the batch answered nothing for item {index}.");

    /// <summary>Sends operations in chunks without isolation: each answer stands alone. Yields (index, answer) by numeric id.</summary>
    public async Task<List<(int Index, BatchAnswer Answer)>> SendIndependentAsync(List<BatchOperation> operations, string entity, CancellationToken cancellationToken)
    {
        var all = new List<(int, BatchAnswer)>();
        foreach (var chunk in operations.Chunk(_api.Options.BatchSize))
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
    public async Task<Dictionary<string, BatchAnswer>> SendAtomicAsync(List<BatchOperation> operations, string entity, CancellationToken cancellationToken)
    {
        if (operations.Count > JsonBatch.MaxOperations)
        {
            throw _api.Permanent("TOO_MANY_LINES", $"one '{entity}' write needs {operations.Count} operations; a transactional $batch allows {JsonBatch.MaxOperations}.");
        }

        var answers = await SendBatchAsync(operations, isolated: true, entity, cancellationToken).ConfigureAwait(false);
        foreach (var op in operations)
        {
            if (answers.TryGetValue(op.Id, out var answer) && !answer.IsSuccess)
            {
                throw _api.Error(answer.AsReply(), entity);
            }
        }

        return answers;
    }

    private async Task<Dictionary<string, BatchAnswer>> SendBatchAsync(IReadOnlyList<BatchOperation> operations, bool isolated, string entity, CancellationToken cancellationToken)
    {
        var body = JsonBatch.Build(operations);
        var reply = await _api.Http.SendAsync(
            () =>
            {
                var request = BusinessCentralHttp.Json(HttpMethod.Post, _api.Url("$batch"), body);
                if (isolated)
                {
                    request.Headers.TryAddWithoutValidation("Isolation", "snapshot");
                }

                return request;
            },
            cancellationToken).ConfigureAwait(false);
        if (!reply.IsSuccess)
        {
            throw _api.Error(reply, entity);
        }

        BusinessCentralLog.Batch(_api.Logger, _api.System, entity, operations.Count, isolated);
        return JsonBatch.Parse(reply.Json());
    }
}
