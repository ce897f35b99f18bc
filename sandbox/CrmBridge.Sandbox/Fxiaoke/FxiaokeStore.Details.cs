using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Fxiaoke;

/// <summary>Master/detail writes: detail rows are validated, created and invalidated together with their master.</summary>
internal sealed partial class FxiaokeStore
{
    private string? ValidateDetails(string apiName, JsonObject? details)
    {
        if (details is null)
        {
            return null;
        }

        foreach (var (detailApi, rows) in details)
        {
            if (!_options.DetailObjects.TryGetValue(apiName, out var relation) || relation.ApiName != detailApi)
            {
                return $"details: {detailApi} is not a detail object of {apiName}";
            }

            foreach (var row in (rows as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                if (Validate(detailApi, row, create: true) is { } problem)
                {
                    return problem;
                }
            }
        }

        return null;
    }

    private void WriteDetails(string apiName, string masterId, JsonObject? details, string user, long now)
    {
        if (details is null || !_options.DetailObjects.TryGetValue(apiName, out var relation))
        {
            return;
        }

        foreach (var row in (details[relation.ApiName] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var record = NewRecord(relation.ApiName, row, user, now);
            record[relation.MasterField] = masterId;
            Objects(relation.ApiName).Put(record);
        }
    }

    private void InvalidateDetails(string apiName, string masterId, string user, long now)
    {
        if (!_options.DetailObjects.TryGetValue(apiName, out var relation))
        {
            return;
        }

        var lines = Objects(relation.ApiName).Query([new FxiaokeFilter(relation.MasterField, "EQ", [masterId])], [], 0, int.MaxValue);
        foreach (var line in lines.Where(l => !IsInvalid(l)))
        {
            var copy = (JsonObject)line.DeepClone();
            copy["life_status"] = "invalid";
            Touch(copy, user, now);
            Objects(relation.ApiName).Put(copy);
        }
    }
}
