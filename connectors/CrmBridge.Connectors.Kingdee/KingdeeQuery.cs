using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Kingdee;

/// <summary>
/// <c>ExecuteBillQuery</c>: the answer is a bare array of arrays in <c>FieldKeys</c> order with no names and no total, so
/// pages are read with <c>StartRow</c>/<c>Limit</c> until one comes back short; rows become named objects here.
/// </summary>
internal sealed class KingdeeQuery
{
    private readonly KingdeeApiClient _api;

    public KingdeeQuery(KingdeeApiClient api) => _api = api;

    public KingdeeConnectorOptions Options => _api.Options;

    /// <summary>Reads one page.</summary>
    public async Task<IReadOnlyList<JsonObject>> PageAsync(string formId, IReadOnlyList<string> fieldKeys, string filter, string order, int startRow, int limit, CancellationToken cancellationToken)
    {
        var data = new JsonObject
        {
            ["FormId"] = formId,
            ["FieldKeys"] = string.Join(",", fieldKeys),
            ["FilterString"] = filter,
            ["OrderString"] = order,
            ["TopRowCount"] = 0,
            ["StartRow"] = startRow,
            ["Limit"] = limit,
            ["SubSystemId"] = string.Empty,
        };
        var answer = await _api.CallAsync("ExecuteBillQuery", null, data, formId, cancellationToken).ConfigureAwait(false);
        if (KingdeeStatus.Find(answer) is { IsSuccess: false } status)
        {
            throw KingdeeErrors.For(Options, "ExecuteBillQuery", formId, status);
        }

        if (answer is not JsonArray rows)
        {
            throw KingdeeErrors.InvalidResponse(Options, $"ExecuteBillQuery {formId} did not answer an array of rows.");
        }

        var result = new List<JsonObject>(rows.Count);
        foreach (var row in rows)
        {
            if (row is not JsonArray values)
            {
                throw KingdeeErrors.InvalidResponse(Options, $"ExecuteBillQuery {formId} answered a row that is not an array.");
            }

            result.Add(ToObject(fieldKeys, values));
        }

        return result;
    }

    /// <summary>Reads every page of a query.</summary>
    public async Task<IReadOnlyList<JsonObject>> AllAsync(string formId, IReadOnlyList<string> fieldKeys, string filter, string order, CancellationToken cancellationToken)
    {
        var all = new List<JsonObject>();
        for (var start = 0; ; start += Options.PageSize)
        {
            var page = await PageAsync(formId, fieldKeys, filter, order, start, Options.PageSize, cancellationToken).ConfigureAwait(false);
            all.AddRange(page);
            if (page.Count < Options.PageSize)
            {
                return all;
            }
        }
    }

    /// <summary>Builds <c>field in ('a','b')</c>; numeric values stay unquoted when <paramref name="numeric"/>.</summary>
    public static string In(string field, IEnumerable<string> values, bool numeric = false) =>
        $"{field} in ({string.Join(",", values.Select(v => numeric && long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? v : KingdeeJson.Quote(v)))})";

    /// <summary>Names a row's values by their field keys; dotted keys (<c>FCustId.FNumber</c>) become nested objects.</summary>
    public static JsonObject ToObject(IReadOnlyList<string> fieldKeys, JsonArray values)
    {
        var obj = new JsonObject();
        for (var i = 0; i < fieldKeys.Count && i < values.Count; i++)
        {
            Set(obj, fieldKeys[i], values[i]?.DeepClone());
        }

        return obj;
    }

    public static void Set(JsonObject obj, string key, JsonNode? value)
    {
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            obj[key] = value;
            return;
        }

        var head = key[..dot];
        if (obj[head] is not JsonObject child)
        {
            child = new JsonObject();
            obj[head] = child;
        }

        Set(child, key[(dot + 1)..], value);
    }
}
