using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Zoho;

/// <summary>The write core shared by upsert, update and in-process seeding: validation, system fields, subform line ids.</summary>
public sealed partial class ZohoSandbox
{
    private static readonly HashSet<string> SystemFields = new(StringComparer.Ordinal) { "id", "Created_Time", "Modified_Time", "Created_By", "Modified_By" };

    private static JsonObject User(string name) => new() { ["name"] = name, ["id"] = name == ApiUserName ? "5725767000000200001" : "5725767000000200002" };

    private const string ApiUserName = "CrmBridge Integration";

    /// <summary>Validates and applies one record write. Caller holds <see cref="_gate"/>.</summary>
    private JsonObject ApplyWrite(string module, ZohoModuleStore store, JsonObject input, ZohoStoredRecord? existing, int index, string? duplicateField, string user, List<ZohoWriteEvent> events)
    {
        if (Validate(module, input, existing is null, index) is { } error)
        {
            return error;
        }

        var now = Now();
        var changed = new List<string>();
        if (existing is null)
        {
            var id = ++_nextId;
            var data = new JsonObject
            {
                ["id"] = id.ToString(CultureInfo.InvariantCulture),
                ["Owner"] = User(user),
                ["Created_Time"] = FormatTime(now),
                ["Created_By"] = User(user),
            };
            Copy(input, data, changed);
            data["Modified_Time"] = FormatTime(now);
            data["Modified_By"] = User(user);
            existing = new ZohoStoredRecord(id, data, now);
            store.Add(existing);
            events.Add(new ZohoWriteEvent(module, "insert", data["id"]!.GetValue<string>(), changed));
            return Success(existing, "insert", duplicateField, "record added");
        }

        var before = (JsonObject)existing.Data.DeepClone();
        Copy(input, existing.Data, changed);
        existing.Data["Modified_Time"] = FormatTime(now);
        existing.Data["Modified_By"] = User(user);
        store.Touch(existing, now, before);
        var values = new JsonObject();
        foreach (var field in changed.Append("Modified_Time").Distinct(StringComparer.Ordinal))
        {
            values[field] = existing.Data[field]?.DeepClone();
        }

        events.Add(new ZohoWriteEvent(module, "update", existing.Id.ToString(CultureInfo.InvariantCulture), changed, values));
        return Success(existing, "update", duplicateField, "record updated");
    }

    private static JsonObject? Validate(string module, JsonObject input, bool creating, int index)
    {
        foreach (var field in ZohoModuleSchema.MandatoryFields(module))
        {
            var present = input.TryGetPropertyValue(field, out var value);
            if ((creating && !present) || (present && (value is null || value.ToString().Length == 0)))
            {
                return ZohoSandboxJson.Error("MANDATORY_NOT_FOUND", "required field not found", Path(field, index));
            }
        }

        foreach (var (field, value) in input)
        {
            if (value is JsonValue v && v.TryGetValue<string>(out var text) && !ZohoModuleSchema.IsAllowed(module, field, text))
            {
                var details = Path(field, index);
                details["expected_data_type"] = "picklist";
                return ZohoSandboxJson.Error("INVALID_DATA", "invalid data", details);
            }
        }

        return null;
    }

    private static JsonObject Path(string field, int index) => new()
    {
        ["api_name"] = field,
        ["json_path"] = $"$.data[{index}].{field}",
    };

    private void Copy(JsonObject input, JsonObject target, List<string> changed)
    {
        foreach (var (field, value) in input)
        {
            if (SystemFields.Contains(field))
            {
                continue;
            }

            var copy = value?.DeepClone();
            if (copy is JsonArray lines)
            {
                foreach (var line in lines.OfType<JsonObject>().Where(l => l["id"] is null))
                {
                    line["id"] = (++_nextId).ToString(CultureInfo.InvariantCulture);
                }
            }

            if (!JsonNode.DeepEquals(target[field], copy))
            {
                changed.Add(field);
            }

            target[field] = copy;
        }
    }

    private static JsonObject Success(ZohoStoredRecord record, string action, string? duplicateField, string message) => new()
    {
        ["code"] = "SUCCESS",
        ["duplicate_field"] = duplicateField,
        ["action"] = action,
        ["details"] = new JsonObject
        {
            ["Modified_Time"] = record.Data["Modified_Time"]?.DeepClone(),
            ["Modified_By"] = record.Data["Modified_By"]?.DeepClone(),
            ["Created_Time"] = record.Data["Created_Time"]?.DeepClone(),
            ["id"] = record.Data["id"]?.DeepClone(),
            ["Created_By"] = record.Data["Created_By"]?.DeepClone(),
        },
        ["message"] = message,
        ["status"] = "success",
    };

    private static int StatusOf(JsonArray results)
    {
        var failed = results.Count(r => r?["status"]?.GetValue<string>() == "error");
        return failed == 0 ? 200 : failed == results.Count ? 400 : 207;
    }
}
