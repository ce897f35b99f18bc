using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Kingdee;

/// <summary>
/// One <c>Save</c> (one model) or <c>BatchSave</c> (several): sends the models, then places each <c>SuccessEntitys</c> and
/// <c>Errors</c> entry on its item by <c>DIndex</c>. An item the answer says nothing about fails with the call's errors.
/// </summary>
internal sealed class KingdeeSaveCall(KingdeeApiClient api, KingdeeForm form)
{
    public async Task SaveAsync(IReadOnlyList<KingdeeWriteItem> items, CancellationToken cancellationToken)
    {
        var o = form.Options;
        var single = items.Count == 1;
        var updates = items.Where(i => i.Existing is not null).SelectMany(i => KingdeeModelBuilder.UpdateFields(form, i.Model!))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var data = new JsonObject
        {
            ["NeedUpDateFields"] = new JsonArray(updates.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray()),
            ["NeedReturnFields"] = new JsonArray(o.NumberField),
            ["IsDeleteEntry"] = "true",
            ["IsVerifyBaseDataField"] = "false",
            ["IsAutoSubmitAndAudit"] = o.AfterSave == KingdeeAfterSave.AutoSubmitAndAudit ? "true" : "false",
            ["Model"] = single ? items[0].Model!.DeepClone() : new JsonArray(items.Select(i => (JsonNode?)i.Model!.DeepClone()).ToArray()),
        };
        foreach (var (key, value) in o.SaveSettings)
        {
            data[key] = value;
        }

        var operation = single ? "Save" : "BatchSave";
        var answer = await api.CallAsync(operation, form.FormId, data, form.FormId, cancellationToken).ConfigureAwait(false);
        var status = KingdeeStatus.Find(answer) ?? throw KingdeeErrors.InvalidResponse(api.Options, $"{operation} {form.FormId} answered without a ResponseStatus.");
        foreach (var success in status.SuccessEntitys)
        {
            if (success.DIndex >= 0 && success.DIndex < items.Count && status.Errors.All(e => e.DIndex != success.DIndex))
            {
                var item = items[success.DIndex];
                item.Pk = success.Id ?? item.Pk;
                item.Number = success.Number ?? item.Number;
            }
        }

        if (single && status.IsSuccess && items[0].Pk is null && status.Result is { } result)
        {
            items[0].Pk = KingdeeJson.Text(KingdeeJson.Get(result, "Id"));
            items[0].Number = KingdeeJson.Text(KingdeeJson.Get(result, "Number"));
        }

        for (var i = 0; i < items.Count; i++)
        {
            var mine = status.Errors.Where(e => e.DIndex == i || (single && e.DIndex is null)).ToList();
            if (mine.Count > 0 || (!status.IsSuccess && status.SuccessEntitys.All(s => s.DIndex != i)))
            {
                items[i].Error = KingdeeErrors.For(api.Options, operation, form.FormId, status, mine.Count > 0 ? mine : status.Errors);
            }
            else if (items[i].Pk is null || items[i].Number is null)
            {
                items[i].Error = KingdeeErrors.InvalidResponse(api.Options, $"{operation} {form.FormId} reported success without the record's Id and Number.");
            }
        }
    }
}
