using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Dataverse;

/// <summary>Shaping records for responses: <c>$select</c>, the ETag and formatted-value annotations.</summary>
internal sealed partial class DataverseApi
{
    private const string Formatted = "@OData.Community.Display.V1.FormattedValue";
    private static readonly string[] SystemColumns = ["createdon", "modifiedon", "versionnumber", "statecode", "statuscode"];

    private static HashSet<string>? Select(DataverseTable table, Dictionary<string, string> query)
    {
        if (!query.TryGetValue("$select", out var select) || string.IsNullOrWhiteSpace(select))
        {
            return null;
        }

        var columns = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in select.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var known = raw == table.Schema.IdField || SystemColumns.Contains(raw)
                || table.Schema.Attributes.Any(a => a.ReadName == raw);
            if (!known)
            {
                throw new DataverseApiException(400, "0x80060888", $"Could not find a property named '{raw}' on type 'Microsoft.Dynamics.CRM.{table.Schema.LogicalName}'.");
            }

            columns.Add(raw);
        }

        return columns;
    }

    private JsonObject Project(DataverseTable table, DataverseRow row, HashSet<string>? select, bool annotate)
    {
        var body = new JsonObject { ["@odata.etag"] = Etag(row) };
        foreach (var (name, value) in row.Data)
        {
            if ((select is not null && !select.Contains(name) && name != table.Schema.IdField) || table.Schema.Find(name) is { Readable: false })
            {
                continue;
            }

            body[name] = value?.DeepClone();
            if (annotate && value is not null)
            {
                Annotate(table, row, name, value, body);
            }
        }

        return body;
    }

    private void Annotate(DataverseTable table, DataverseRow row, string name, JsonNode value, JsonObject body)
    {
        if (row.LookupTargets.TryGetValue(name, out var targetSet))
        {
            var target = _store.Table(targetSet);
            body[name + "@Microsoft.Dynamics.CRM.lookuplogicalname"] = target.Schema.LogicalName;
            if (Guid.TryParse(value.ToString(), out var id) && _store.Find(target, id) is { } referenced)
            {
                body[name + Formatted] = referenced.Data[target.Schema.PrimaryNameField]?.ToString();
            }

            return;
        }

        var attribute = table.Schema.Find(name);
        if (attribute?.Options is { } options && value.AsValue().TryGetValue<int>(out var option) && options.TryGetValue(option, out var label))
        {
            body[name + Formatted] = label;
        }
    }
}
