using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.BusinessCentral;

/// <summary>
/// Executes a JSON <c>$batch</c> (<c>{"requests":[…]}</c>, at most 100) in order. Without isolation each operation stands
/// alone and is answered in <c>{"responses":[{"id","status","headers","body"}]}</c>. With <c>Isolation: snapshot</c> the batch
/// is one transaction: the first failing operation rolls everything back and the whole call answers with its error
/// (the exact response shape of a failed snapshot batch is not documented; see docs/business-central.md).
/// </summary>
internal sealed class BcBatchExecutor
{
    private const int MaxOperations = 100;
    private readonly BcApi _api;
    private readonly BcStore _store;
    private readonly Func<Uri> _apiRoot;

    public BcBatchExecutor(BcApi api, BcStore store, Func<Uri> apiRoot)
    {
        _api = api;
        _store = store;
        _apiRoot = apiRoot;
    }

    public BcResponse Execute(JsonObject? body, bool snapshot, List<BcChange> changes)
    {
        if (body?["requests"] is not JsonArray requests)
        {
            return BcResponse.Error(new BcApiException(400, "BadRequest_InvalidRequestBody", "The batch request body must have a 'requests' array."));
        }

        if (requests.Count > MaxOperations)
        {
            return BcResponse.Error(new BcApiException(400, "BadRequest_InvalidRequestBody", $"The batch has {requests.Count} operations; the maximum is {MaxOperations}."));
        }

        var saved = snapshot ? _store.SnapshotAll() : default;
        var responses = new JsonArray();
        foreach (var item in requests.OfType<JsonObject>())
        {
            var id = item["id"]?.ToString() ?? string.Empty;
            var url = item["url"]?.ToString() ?? string.Empty;
            var root = _apiRoot().ToString();
            if (url.StartsWith(root, StringComparison.OrdinalIgnoreCase))
            {
                url = url[root.Length..];
            }

            var (path, query) = BcRequest.Split(url);
            var headers = (item["headers"] as JsonObject ?? []).ToDictionary(h => h.Key, h => h.Value?.ToString() ?? string.Empty, StringComparer.OrdinalIgnoreCase);
            var operationChanges = new List<BcChange>();
            var response = _api.Handle(new BcRequest(item["method"]?.ToString()?.ToUpperInvariant() ?? "GET", path, query, headers, item["body"] as JsonObject), operationChanges);
            if (snapshot && response.Status >= 400)
            {
                _store.Restore(saved);
                changes.Clear();
                return response;
            }

            changes.AddRange(operationChanges);
            var answer = new JsonObject
            {
                ["id"] = id,
                ["status"] = response.Status,
                ["headers"] = new JsonObject { ["content-type"] = "application/json; odata.metadata=minimal; odata.streaming=true", ["odata-version"] = "4.0" },
            };
            if (response.Body is not null)
            {
                answer["body"] = response.Body;
            }

            responses.Add(answer);
        }

        return new BcResponse(200, new JsonObject { ["responses"] = responses });
    }
}
