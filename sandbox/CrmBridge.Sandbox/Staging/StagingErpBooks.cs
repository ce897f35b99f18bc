using System.Text.Json.Nodes;
using Npgsql;

namespace CrmBridge.Sandbox.Staging;

/// <summary>
/// The emulated ERP's books: validates staged documents like an ERP (unknown customer, unknown material, missing required
/// fields; messages in Chinese with an English gloss, as Chinese ERPs write them), books customers, sales orders and cases
/// in its own tables, and writes an outbox row (state snapshot) for every change its users make.
/// </summary>
internal sealed class StagingErpBooks(StagingErpSql sql)
{
    public async Task<StagingErpVerdict> BookAsync(NpgsqlConnection c, NpgsqlTransaction tx, string entity, string key, JsonObject payload, CancellationToken ct) =>
        entity switch
        {
            "customer" => await BookCustomerAsync(c, tx, key, payload, ct).ConfigureAwait(false),
            "sales_order" => await BookOrderAsync(c, tx, key, payload, ct).ConfigureAwait(false),
            "case" => await BookCaseAsync(c, tx, key, payload, ct).ConfigureAwait(false),
            _ => StagingErpVerdict.Rejected("UNSUPPORTED_ENTITY", $"不支持的单据类型[{entity}] (unsupported entity type)"),
        };

    public async Task WriteOutboxAsync(NpgsqlConnection c, NpgsqlTransaction tx, string type, string erpId, string key, string change, JsonObject payload, CancellationToken ct)
    {
        await using var command = Command(c, tx, sql.WriteOutbox, ("type", type), ("erp_id", erpId), ("key", key), ("change", change), ("payload", payload.ToJsonString()));
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public static NpgsqlCommand Command(NpgsqlConnection c, NpgsqlTransaction? tx, string text, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(text, c, tx);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private async Task<StagingErpVerdict> BookCustomerAsync(NpgsqlConnection c, NpgsqlTransaction tx, string key, JsonObject payload, CancellationToken ct)
    {
        if (StagingErpVerdict.Text(payload["name"]) is not { } name)
        {
            return StagingErpVerdict.Rejected("VALIDATION", "客户名称不能为空 (customer name is required)");
        }

        await using var command = Command(c, tx, sql.UpsertCustomer, ("key", key), ("name", name), ("data", payload.ToJsonString()));
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.ReadAsync(ct).ConfigureAwait(false);
        var (id, number, version, created, credit) = (reader.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture), reader.GetString(1), reader.GetInt32(2), reader.GetBoolean(3), reader.GetDecimal(4));
        await reader.DisposeAsync().ConfigureAwait(false);
        var snapshot = new JsonObject { ["externalId"] = key, ["erpNumber"] = number, ["name"] = name, ["creditLimit"] = credit, ["version"] = version };
        await WriteOutboxAsync(c, tx, "customer", id, key, created ? "created" : "updated", snapshot, ct).ConfigureAwait(false);
        return StagingErpVerdict.Accepted(id, number);
    }

    private async Task<StagingErpVerdict> BookOrderAsync(NpgsqlConnection c, NpgsqlTransaction tx, string key, JsonObject payload, CancellationToken ct)
    {
        var (customer, problem) = await CustomerAsync(c, tx, payload, required: true, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (payload["lines"] is not JsonArray { Count: > 0 } lines)
        {
            return StagingErpVerdict.Rejected("VALIDATION", "订单没有明细行 (the order has no lines)");
        }

        var skus = lines.Select(l => StagingErpVerdict.Text((l as JsonObject)?["sku"])).ToList();
        if (skus.Any(s => s is null))
        {
            return StagingErpVerdict.Rejected("VALIDATION", "明细行物料编码不能为空 (a line has no sku)");
        }

        await using (var known = Command(c, tx, $"SELECT code FROM {sql.Materials} WHERE code = ANY(@codes)", ("codes", skus.Distinct().ToArray())))
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            await using var reader = await known.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                found.Add(reader.GetString(0));
            }

            if (skus.FirstOrDefault(s => !found.Contains(s!)) is { } missing)
            {
                return StagingErpVerdict.Rejected("MATERIAL_NOT_FOUND", $"物料[{missing}]不存在 (unknown material)");
            }
        }

        await using var command = Command(c, tx, sql.UpsertOrder, ("key", key), ("customer", customer), ("data", payload.ToJsonString()));
        await using var row = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await row.ReadAsync(ct).ConfigureAwait(false);
        var id = row.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var number = row.GetString(1);
        var created = row.GetBoolean(3);
        var snapshot = OrderSnapshot(key, number, row.GetString(4), row.GetInt32(2), Nullable(row, 5), Nullable(row, 6), Nullable(row, 7));
        await row.DisposeAsync().ConfigureAwait(false);
        await WriteOutboxAsync(c, tx, "order_status", id, key, created ? "created" : "updated", snapshot, ct).ConfigureAwait(false);
        return StagingErpVerdict.Accepted(id, number);
    }

    private async Task<StagingErpVerdict> BookCaseAsync(NpgsqlConnection c, NpgsqlTransaction tx, string key, JsonObject payload, CancellationToken ct)
    {
        if (StagingErpVerdict.Text(payload["subject"]) is null)
        {
            return StagingErpVerdict.Rejected("VALIDATION", "售后单主题不能为空 (case subject is required)");
        }

        var (customer, problem) = await CustomerAsync(c, tx, payload, required: false, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        await using var command = Command(c, tx, sql.UpsertCase, ("key", key), ("customer", customer), ("data", payload.ToJsonString()));
        await using var row = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await row.ReadAsync(ct).ConfigureAwait(false);
        return StagingErpVerdict.Accepted(row.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture), row.GetString(1));
    }

    /// <summary>
    /// Finds the ERP customer of a document: by its ERP number when the document carries <c>customerNumber</c>, else by the
    /// staged customer's business key in <c>customerId</c> (a customer still waiting in staging defers the row).
    /// </summary>
    private async Task<(long? Id, StagingErpVerdict? Problem)> CustomerAsync(NpgsqlConnection c, NpgsqlTransaction tx, JsonObject payload, bool required, CancellationToken ct)
    {
        if (StagingErpVerdict.Text(payload["customerNumber"]) is { } number)
        {
            await using var byNumber = Command(c, tx, $"SELECT id FROM {sql.Customers} WHERE number = @number", ("number", number));
            return await byNumber.ExecuteScalarAsync(ct).ConfigureAwait(false) is long found
                ? (found, null)
                : (null, StagingErpVerdict.Rejected("CUSTOMER_NOT_FOUND", $"客户编号[{number}]不存在 (unknown customer number)"));
        }

        var key = StagingErpVerdict.Text(payload["customerId"]);
        if (key is null)
        {
            return required ? (null, StagingErpVerdict.Rejected("VALIDATION", "客户编码不能为空 (customerId is required)")) : (null, null);
        }

        await using (var find = Command(c, tx, $"SELECT id FROM {sql.Customers} WHERE external_code = @key", ("key", key)))
        {
            if (await find.ExecuteScalarAsync(ct).ConfigureAwait(false) is long id)
            {
                return (id, null);
            }
        }

        await using var staged = Command(c, tx, sql.StagedStatus, ("entity", "customer"), ("key", key));
        return await staged.ExecuteScalarAsync(ct).ConfigureAwait(false) is "pending" or "processing"
            ? (null, StagingErpVerdict.Deferred($"客户[{key}]尚未审核 (customer not booked yet)"))
            : (null, StagingErpVerdict.Rejected("CUSTOMER_NOT_FOUND", $"客户[{key}]不存在 (unknown customer)"));
    }

    public static JsonObject OrderSnapshot(string key, string number, string status, int version, string? tracking, string? carrier, string? invoice) => new()
    {
        ["externalId"] = key,
        ["erpNumber"] = number,
        ["status"] = status,
        ["trackingNumber"] = tracking,
        ["carrier"] = carrier,
        ["invoiceNumber"] = invoice,
        ["version"] = version,
    };

    private static string? Nullable(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
