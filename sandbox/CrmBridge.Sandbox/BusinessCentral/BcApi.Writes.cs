using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.BusinessCentral;

/// <summary>
/// Writes: POST (customers; sales orders with optional nested lines), PATCH with a mandatory <c>If-Match</c> (a stale
/// ETag answers 409 Request_EntityChanged), DELETE. Bodies are checked as BC does: unknown or read-only properties,
/// wrong JSON types, text longer than the field, invalid values.
/// </summary>
internal sealed partial class BcApi
{
    private BcResponse Create(Guid company, string set, BcRequest r, List<BcChange> changes)
    {
        if (set is not ("customers" or "salesOrders"))
        {
            throw MethodNotAllowed("POST");
        }

        var body = r.Body ?? throw new BcApiException(400, "BadRequest_InvalidRequestBody", "The request body is empty.");
        var row = set == "customers" ? CreateCustomer(company, body) : CreateOrder(company, body, changes);
        changes.Add(new BcChange(company, set, row.Id, "created", Modified(row)));
        return Single(company, set, row, r.Option("$expand"), 201);
    }

    private BcRow CreateCustomer(Guid company, JsonObject body)
    {
        Validate("customers", body);
        var row = NewRow("customers", body);
        if (row.Data["number"]!.ToString().Length == 0)
        {
            row.Data["number"] = _store.Next("C", 5, 10);
        }

        CheckCustomer(company, row);
        _store.Table(company, "customers")[row.Id] = row;
        return row;
    }

    private void CheckCustomer(Guid company, BcRow row)
    {
        var number = row.Data["number"]!.ToString();
        if (_store.Table(company, "customers").Values.Any(c => c.Id != row.Id && string.Equals(c.Data["number"]!.ToString(), number, StringComparison.OrdinalIgnoreCase)))
        {
            throw new BcApiException(400, "Internal_EntityWithSameKeyExists", $"The record in table Customer already exists. Identification fields and values: No.='{number}'");
        }

        var email = row.Data["email"]!.ToString();
        if (email.Length > 0 && (email.Contains(' ', StringComparison.Ordinal) || email.IndexOf('@', StringComparison.Ordinal) is var at && (at <= 0 || at == email.Length - 1)))
        {
            throw new BcApiException(400, "Application_FieldValidationException", $"The email address \"{email}\" is not valid.");
        }

        if (row.Data["blocked"]!.ToString() is not (" " or "Ship" or "Invoice" or "All"))
        {
            throw new BcApiException(400, "BadRequest_InvalidRequestBody", $"Cannot convert the literal '{row.Data["blocked"]}' to the expected type 'Microsoft.NAV.customerBlocked'.");
        }
    }

    private BcResponse Update(Guid company, string set, string key, BcRequest r, List<BcChange> changes)
    {
        if (set is not ("customers" or "salesOrders"))
        {
            throw MethodNotAllowed("PATCH");
        }

        var row = RowOf(company, set, key);
        CheckETag(row, r.Header("If-Match"), required: true);
        var body = r.Body ?? throw new BcApiException(400, "BadRequest_InvalidRequestBody", "The request body is empty.");
        Validate(set, body);
        var before = row.Clone();
        foreach (var (name, value) in body)
        {
            if (!name.StartsWith("@odata.", StringComparison.Ordinal))
            {
                row.Data[name] = value?.DeepClone();
            }
        }

        try
        {
            if (set == "customers")
            {
                CheckCustomer(company, row);
            }
            else
            {
                ApplyCustomer(company, row, body);
            }
        }
        catch (BcApiException)
        {
            _store.Table(company, set)[row.Id] = before;
            throw;
        }

        row.Touch(Now);
        changes.Add(new BcChange(company, set, row.Id, "updated", Modified(row)));
        return Single(company, set, row, r.Option("$expand"));
    }

    private BcResponse Delete(Guid company, string set, string key, BcRequest r, List<BcChange> changes)
    {
        if (set is not ("customers" or "salesOrders"))
        {
            throw MethodNotAllowed("DELETE");
        }

        var row = RowOf(company, set, key);
        CheckETag(row, r.Header("If-Match"), required: false);
        _store.Table(company, set).Remove(row.Id);
        if (set == "salesOrders")
        {
            foreach (var line in LinesOf(company, row.Id))
            {
                _store.Table(company, "salesOrderLines").Remove(line.Id);
            }
        }

        changes.Add(new BcChange(company, set, row.Id, "deleted", Now));
        return new BcResponse(204, null);
    }

    private static DateTimeOffset Modified(BcRow row) =>
        DateTimeOffset.Parse(row.Data["lastModifiedDateTime"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);

    private static void CheckETag(BcRow row, string? ifMatch, bool required)
    {
        if (string.IsNullOrEmpty(ifMatch))
        {
            if (required)
            {
                throw new BcApiException(400, "BadRequest_InvalidToken", "Could not validate the client concurrency token required by the service. Please provide a valid token in the client request.");
            }

            return;
        }

        if (ifMatch != "*" && ifMatch != row.ETag)
        {
            throw new BcApiException(409, "Request_EntityChanged", "Another user has already changed the record.");
        }
    }

    private BcRow NewRow(string set, JsonObject body)
    {
        var data = (JsonObject)BcSchemas.Entities[set].Defaults.DeepClone();
        foreach (var (name, value) in body)
        {
            if (!name.StartsWith("@odata.", StringComparison.Ordinal) && data.ContainsKey(name))
            {
                data[name] = value?.DeepClone();
            }
        }

        data["lastModifiedDateTime"] = BcClock.Format(Now);
        return new BcRow(Guid.NewGuid(), data);
    }

    /// <summary>Rejects unknown and read-only properties, wrong JSON types and over-long text, as the API does.</summary>
    private static void Validate(string set, JsonObject body, params string[] navigation)
    {
        var (defaults, readOnly, maxLength) = BcSchemas.Entities[set];
        foreach (var (name, value) in body)
        {
            if (name.StartsWith("@odata.", StringComparison.Ordinal) || navigation.Contains(name))
            {
                continue;
            }

            if (!defaults.ContainsKey(name) && !readOnly.Contains(name))
            {
                throw new BcApiException(400, "BadRequest_InvalidRequestBody", $"The property '{name}' does not exist on type 'Microsoft.NAV.{set.TrimEnd('s')}'. Make sure to only use property names that are defined by the type.");
            }

            if (readOnly.Contains(name))
            {
                throw new BcApiException(400, "BadRequest_InvalidRequestBody", $"The property '{name}' is read-only and cannot be modified.");
            }

            var expected = defaults[name]!.GetValueKind();
            var actual = value?.GetValueKind() ?? JsonValueKind.Null;
            var numeric = expected == JsonValueKind.Number;
            if ((numeric && actual != JsonValueKind.Number) || (expected == JsonValueKind.String && actual != JsonValueKind.String)
                || (expected is JsonValueKind.True or JsonValueKind.False && actual is not (JsonValueKind.True or JsonValueKind.False)))
            {
                throw new BcApiException(400, "BadRequest_InvalidRequestBody", $"Cannot convert a primitive value to the expected type of '{name}'.");
            }

            if (maxLength.TryGetValue(name, out var max) && value!.ToString().Length > max)
            {
                throw new BcApiException(400, "Application_StringExceededLength",
                    $"The length of the string is {value.ToString().Length}, but it must be less than or equal to {max} characters. Value: {value}");
            }
        }
    }
}
