using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Kingdee;

/// <summary>Save and the bill operations, as K3Cloud runs them on one bill.</summary>
internal sealed partial class KingdeeBillStore
{
    /// <summary>Saves one model: create when its pk is 0 or absent, else update (audited bills refuse).</summary>
    /// <returns>The saved bill, or the errors (nothing changed).</returns>
    public (JsonObject? Bill, List<KingdeeSandboxError> Errors) Save(string formId, KingdeeSaveRequest request)
    {
        lock (_gate)
        {
            var (form, bills) = _forms[formId];
            var model = request.Model;
            var pk = KingdeeSandboxJson.Long(KingdeeSandboxJson.Get(model, form.PkField));
            JsonObject? existing = null;
            if (pk > 0 && !bills.TryGetValue(pk, out existing))
            {
                return (null, [new(10, form.PkField, $"单据不存在或已被删除 ({form.PkField}={pk})")]);
            }

            var status = existing is null ? null : KingdeeSandboxJson.Text(KingdeeSandboxJson.Get(existing, "FDocumentStatus"));
            if (status == "C")
            {
                // The message and MsgCode of this refusal are UNCONFIRMED (ERP-FACTS §1.3); the refusal itself is expected.
                var number = KingdeeSandboxJson.Text(KingdeeSandboxJson.Get(existing, form.NumberField));
                return (null, [new(12, null, $"单据 {number} 已审核，不允许修改，请先反审核")]);
            }

            var bill = existing is null ? new JsonObject() : (JsonObject)existing.DeepClone();
            var update = existing is not null;
            var restrict = update && request.NeedUpdateFields.Count > 0;
            foreach (var (key, value) in model)
            {
                if (key.Equals(form.PkField, StringComparison.OrdinalIgnoreCase) || (form.EntryKey is not null && key.Equals(form.EntryKey, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                if (!restrict || request.NeedUpdateFields.Contains(key))
                {
                    KingdeeSandboxJson.Set(bill, key, value?.DeepClone());
                }
            }

            if (form.EntryKey is not null && KingdeeSandboxJson.Get(model, form.EntryKey) is JsonArray incoming && (!restrict || request.NeedUpdateFields.Contains(form.EntryKey)))
            {
                KingdeeSandboxJson.Set(bill, form.EntryKey, MergeEntries(KingdeeSandboxJson.Get(bill, form.EntryKey) as JsonArray, incoming, request, restrict));
            }

            var numberText = KingdeeSandboxJson.Text(KingdeeSandboxJson.Get(bill, form.NumberField));
            if (!string.IsNullOrWhiteSpace(numberText) && bills.Values.Any(b => !ReferenceEquals(b, existing)
                && string.Equals(KingdeeSandboxJson.Text(KingdeeSandboxJson.Get(b, form.NumberField)), numberText, StringComparison.OrdinalIgnoreCase)))
            {
                return (null, [new(11, form.NumberField, $"编码/单据编号 {numberText} 已存在，不允许重复 ({form.NumberField})")]);
            }

            var errors = KingdeeSandboxRules.Check(this, form, bill, _options.RequireKnownMaterials, _options.CaseFormId);
            if (errors.Count > 0)
            {
                return (null, errors);
            }

            if (!update)
            {
                pk = ++_nextPk;
                bill[form.PkField] = pk;
                bill["FCreateDate"] = Now();
                bill["FForbidStatus"] = "A";
                if (form.FormId.Equals("SAL_SaleOrder", StringComparison.OrdinalIgnoreCase))
                {
                    bill["FCloseStatus"] = "A";
                    bill["FCancelStatus"] = "A";
                }

                if (string.IsNullOrWhiteSpace(numberText))
                {
                    KingdeeSandboxJson.Set(bill, form.NumberField, NewNumber(form));
                }
            }

            NumberEntries(form, bill);
            bill["FDocumentStatus"] = request.AutoAudit ? "C" : request.Draft ? "Z" : status ?? "A";
            bill["FModifyDate"] = Now();
            if (request.AutoAudit)
            {
                bill["FApproveDate"] = Now();
            }

            bills[pk] = bill;
            return ((JsonObject)bill.DeepClone(), []);
        }
    }

    /// <summary>Runs Submit, Audit, UnAudit or Delete on one bill.</summary>
    public (JsonObject? Bill, KingdeeSandboxError? Error) Operate(string formId, string operation, long pk)
    {
        lock (_gate)
        {
            var (form, bills) = _forms[formId];
            if (!bills.TryGetValue(pk, out var bill))
            {
                return (null, new(10, null, $"单据不存在或已被删除 (Id={pk})"));
            }

            var status = KingdeeSandboxJson.Text(KingdeeSandboxJson.Get(bill, "FDocumentStatus"));
            var number = KingdeeSandboxJson.Text(KingdeeSandboxJson.Get(bill, form.NumberField));
            var (allowed, next) = operation.ToUpperInvariant() switch
            {
                "SUBMIT" => (status is "Z" or "A" or "D", "B"),
                "AUDIT" => (status is "B", "C"),
                "UNAUDIT" => (status is "C" or "B", "D"),
                "DELETE" => (status is "Z" or "A" or "D", null),
                _ => (false, null),
            };
            if (!allowed)
            {
                return (null, new(12, null, $"单据 {number} 当前状态为 {status}，不能执行{operation}操作"));
            }

            if (next is null)
            {
                bills.Remove(pk);
                return (bill, null);
            }

            bill["FDocumentStatus"] = next;
            bill["FModifyDate"] = Now();
            if (next == "C")
            {
                bill["FApproveDate"] = Now();
            }

            return ((JsonObject)bill.DeepClone(), null);
        }
    }

    private JsonArray MergeEntries(JsonArray? current, JsonArray incoming, KingdeeSaveRequest request, bool restrict)
    {
        var existing = (current ?? []).OfType<JsonObject>().ToDictionary(e => KingdeeSandboxJson.Long(KingdeeSandboxJson.Get(e, "FEntryID")));
        var result = new JsonArray();
        var kept = new HashSet<long>();
        foreach (var entry in incoming.OfType<JsonObject>())
        {
            var id = KingdeeSandboxJson.Long(KingdeeSandboxJson.Get(entry, "FEntryID"));
            if (id > 0 && existing.TryGetValue(id, out var old))
            {
                var merged = (JsonObject)old.DeepClone();
                foreach (var (key, value) in entry)
                {
                    if (!restrict || request.NeedUpdateFields.Contains(key))
                    {
                        KingdeeSandboxJson.Set(merged, key, value?.DeepClone());
                    }
                }

                kept.Add(id);
                result.Add(merged);
            }
            else
            {
                var fresh = (JsonObject)entry.DeepClone();
                KingdeeSandboxJson.Set(fresh, "FEntryID", 0);
                result.Add(fresh);
            }
        }

        if (!request.IsDeleteEntry)
        {
            foreach (var (id, old) in existing)
            {
                if (!kept.Contains(id))
                {
                    result.Add(old.DeepClone());
                }
            }
        }

        return result;
    }
}
