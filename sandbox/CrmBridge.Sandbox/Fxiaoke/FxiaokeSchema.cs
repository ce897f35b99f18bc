using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Fxiaoke;

/// <summary>
/// The emulated objects' describes (a subset of the real fields, enough for the bridge's mappings) and write validation.
/// Fields not described are accepted as-is (tenants add custom fields). Field names and option values of SalesOrderObj
/// and CasesObj beyond the common fields are UNCONFIRMED: real tenants configure them; see docs/fxiaoke.md.
/// </summary>
internal static class FxiaokeSchema
{
    /// <summary>Order status option values: 1 to confirm, 6 rejected, 7 confirmed, 10 shipped (UNCONFIRMED values).</summary>
    public static readonly IReadOnlyList<string> OrderStatuses = ["1", "6", "7", "10"];

    /// <summary>ERP status written back by the bridge (custom field erp_status__c).</summary>
    public static readonly IReadOnlyList<string> ErpStatuses = ["open", "shipped", "invoiced", "cancelled"];

    /// <summary>Sync status written by the bridge (custom single-select sync_status__c, docs/sync-status.md).</summary>
    public static readonly IReadOnlyList<string> SyncStatuses = ["synced", "failed", "pending"];

    public static Dictionary<string, FxiaokeField> For(string apiName, string ticketObject)
    {
        IEnumerable<FxiaokeField> fields = apiName switch
        {
            "AccountObj" =>
            [
                new("name", FxiaokeFieldKind.Text, true), new("account_no", FxiaokeFieldKind.Text), new("tel", FxiaokeFieldKind.Text),
                new("email", FxiaokeFieldKind.Text), new("address", FxiaokeFieldKind.Text), new("city", FxiaokeFieldKind.Text),
                new("country", FxiaokeFieldKind.Text), new("uniform_social_credit_code", FxiaokeFieldKind.Text),
                new("account_level", FxiaokeFieldKind.Select, Options: ["A", "B", "C"]), new("credit_limit__c", FxiaokeFieldKind.Number),
            ],
            "ContactObj" =>
            [
                new("name", FxiaokeFieldKind.Text, true), new("account_id", FxiaokeFieldKind.Lookup, Target: "AccountObj"),
                new("tel", FxiaokeFieldKind.Text), new("email", FxiaokeFieldKind.Text),
            ],
            "SalesOrderObj" =>
            [
                new("account_id", FxiaokeFieldKind.Lookup, true, Target: "AccountObj"), new("order_time", FxiaokeFieldKind.Date),
                new("order_amount", FxiaokeFieldKind.Number), new("order_status", FxiaokeFieldKind.Select, Options: OrderStatuses),
                new("erp_status__c", FxiaokeFieldKind.Select, Options: ErpStatuses), new("tracking_number__c", FxiaokeFieldKind.Text),
                new("invoice_number__c", FxiaokeFieldKind.Text), new("shipped_time__c", FxiaokeFieldKind.Date),
                .. SyncStatusFields(),
            ],
            "SalesOrderProductObj" =>
            [
                new("product_id", FxiaokeFieldKind.Text, true), new("quantity", FxiaokeFieldKind.Number, true),
                new("sales_price", FxiaokeFieldKind.Number), new("discount", FxiaokeFieldKind.Number), new("subtotal", FxiaokeFieldKind.Number),
            ],
            _ when apiName == ticketObject =>
            [
                new("name", FxiaokeFieldKind.Text, true), new("account_id", FxiaokeFieldKind.Lookup, Target: "AccountObj"),
                new("sales_order_id", FxiaokeFieldKind.Lookup, Target: "SalesOrderObj"), new("description", FxiaokeFieldKind.Text),
                new("priority", FxiaokeFieldKind.Select, Options: ["1", "2", "3"]), new("case_status", FxiaokeFieldKind.Select, Options: ["1", "2", "3", "4"]),
                new("resolution__c", FxiaokeFieldKind.Text), new("resolved_time__c", FxiaokeFieldKind.Date),
                .. SyncStatusFields(),
            ],
            _ => [new("name", FxiaokeFieldKind.Text, true)],
        };
        return fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }

    /// <summary>The custom fields a tenant adds for the bridge's sync status (docs/sync-status.md).</summary>
    private static FxiaokeField[] SyncStatusFields() =>
    [
        new("sync_status__c", FxiaokeFieldKind.Select, Options: SyncStatuses), new("erp_number__c", FxiaokeFieldKind.Text),
        new("last_synced_time__c", FxiaokeFieldKind.Date), new("sync_error__c", FxiaokeFieldKind.Text),
    ];

    /// <summary>Validates a write; returns the first problem (naming the field) or null.</summary>
    public static string? Validate(IReadOnlyDictionary<string, FxiaokeField> fields, JsonObject data, bool create, Func<string, string, bool> exists)
    {
        foreach (var field in fields.Values)
        {
            var value = data[field.Name];
            var missing = value is null || (value is JsonValue s && s.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(s.GetValue<string>()));
            if (missing)
            {
                if (field.Required && (create || data.ContainsKey(field.Name)))
                {
                    return $"{field.Name}: required field is empty";
                }

                continue;
            }

            var problem = field.Kind switch
            {
                FxiaokeFieldKind.Number => value is JsonValue n && n.GetValueKind() == JsonValueKind.String
                    && decimal.TryParse(n.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture, out _)
                        ? null : "expects a number written as a string, e.g. \"100.01\"",
                FxiaokeFieldKind.Date => value is JsonValue d && d.GetValueKind() == JsonValueKind.Number && d.TryGetValue<long>(out _)
                    ? null : "expects epoch milliseconds",
                FxiaokeFieldKind.Select => value is JsonValue o && o.GetValueKind() == JsonValueKind.String && field.Options!.Contains(o.GetValue<string>())
                    ? null : $"is not one of the option values [{string.Join(", ", field.Options!)}]",
                FxiaokeFieldKind.Lookup => value is JsonValue l && l.GetValueKind() == JsonValueKind.String && exists(field.Target!, l.GetValue<string>())
                    ? null : $"does not reference an existing {field.Target}",
                _ => value is JsonValue t && t.GetValueKind() == JsonValueKind.String ? null : "expects text",
            };
            if (problem is not null)
            {
                return $"{field.Name}: {problem}";
            }
        }

        return null;
    }
}
