using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Sandbox.Zoho;

/// <summary>Upsert (POST /{module}/upsert), update (PUT /{module}) and delete, each with per-record results.</summary>
public sealed partial class ZohoSandbox
{
    private const int MaxWriteRecords = 100;

    private async Task HandleUpsertAsync(HttpContext context, string module) => await HandleWriteAsync(context, module, upsert: true).ConfigureAwait(false);

    private async Task HandleUpdateAsync(HttpContext context, string module) => await HandleWriteAsync(context, module, upsert: false).ConfigureAwait(false);

    private async Task HandleWriteAsync(HttpContext context, string module, bool upsert)
    {
        if (!TryModule(module, out var store))
        {
            await ZohoSandboxJson.ErrorAsync(context, 400, "INVALID_MODULE", "the module name given seems to be invalid").ConfigureAwait(false);
            return;
        }

        var body = await ZohoSandboxJson.ReadObjectAsync(context).ConfigureAwait(false);
        if (body?["data"] is not JsonArray records || records.Count == 0 || records.Any(r => r is not JsonObject))
        {
            await ZohoSandboxJson.ErrorAsync(context, 400, "INVALID_DATA", "body must carry a non-empty data array of records").ConfigureAwait(false);
            return;
        }

        if (records.Count > MaxWriteRecords)
        {
            await ZohoSandboxJson.ErrorAsync(context, 400, "LIMIT_EXCEEDED", "the number of records exceeds the limit", new JsonObject { ["limit"] = MaxWriteRecords }).ConfigureAwait(false);
            return;
        }

        var duplicateFields = (body["duplicate_check_fields"] as JsonArray)?.Select(f => f?.GetValue<string>()).OfType<string>().ToList() ?? [];
        var results = new JsonArray();
        var events = new List<ZohoWriteEvent>();
        lock (_gate)
        {
            for (var i = 0; i < records.Count; i++)
            {
                var input = (JsonObject)records[i]!;
                results.Add(upsert ? UpsertOne(module, store, input, i, duplicateFields, events) : UpdateOne(module, store, input, i, events));
            }
        }

        Notify(events);
        await ZohoSandboxJson.WriteAsync(context, StatusOf(results), new JsonObject { ["data"] = results }).ConfigureAwait(false);
    }

    private JsonObject UpsertOne(string module, ZohoModuleStore store, JsonObject input, int index, List<string> duplicateFields, List<ZohoWriteEvent> events)
    {
        if (input["id"] is not null)
        {
            return UpdateOne(module, store, input, index, events);
        }

        foreach (var field in duplicateFields)
        {
            if (input[field] is JsonValue value && value.ToString() is { Length: > 0 } text && store.FindByValue(field, text) is { } match)
            {
                return ApplyWrite(module, store, input, match, index, field, ApiUserName, events);
            }
        }

        return ApplyWrite(module, store, input, null, index, null, ApiUserName, events);
    }

    private JsonObject UpdateOne(string module, ZohoModuleStore store, JsonObject input, int index, List<ZohoWriteEvent> events)
    {
        var idText = input["id"]?.ToString();
        if (idText is null)
        {
            return ZohoSandboxJson.Error("MANDATORY_NOT_FOUND", "required field not found", Path("id", index));
        }

        if (!long.TryParse(idText, CultureInfo.InvariantCulture, out var id) || store.Find(id) is not { } existing)
        {
            return ZohoSandboxJson.Error("INVALID_DATA", "the related id given seems to be invalid", Path("id", index));
        }

        return ApplyWrite(module, store, input, existing, index, null, ApiUserName, events);
    }

    private async Task HandleDeleteAsync(HttpContext context, string module, string ids)
    {
        if (!TryModule(module, out var store))
        {
            await ZohoSandboxJson.ErrorAsync(context, 400, "INVALID_MODULE", "the module name given seems to be invalid").ConfigureAwait(false);
            return;
        }

        var list = ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (list.Length is 0 or > MaxWriteRecords)
        {
            await ZohoSandboxJson.ErrorAsync(context, 400, "INVALID_DATA", "give between 1 and 100 ids", new JsonObject { ["param"] = "ids" }).ConfigureAwait(false);
            return;
        }

        var results = new JsonArray();
        var events = new List<ZohoWriteEvent>();
        lock (_gate)
        {
            foreach (var id in list)
            {
                var removed = Recycle(module, store, id, ApiUserName);
                if (removed)
                {
                    events.Add(new ZohoWriteEvent(module, "delete", id, []));
                }

                results.Add(removed
                    ? new JsonObject { ["code"] = "SUCCESS", ["details"] = new JsonObject { ["id"] = id }, ["message"] = "record deleted", ["status"] = "success" }
                    : ZohoSandboxJson.Error("INVALID_DATA", "the related id given seems to be invalid", new JsonObject { ["id"] = id }));
            }
        }

        Notify(events);
        await ZohoSandboxJson.WriteAsync(context, StatusOf(results), new JsonObject { ["data"] = results }).ConfigureAwait(false);
    }
}
