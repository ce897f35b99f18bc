using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Erp;

/// <summary>Field-level checks shared by the entity validators. Each returns the first error or <see langword="null"/>.</summary>
internal static class ErpFieldRules
{
    public static ErpError? RequiredString(JsonObject record, string field, string? path = null)
    {
        var node = record[field];
        if (node is null || (node.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(node.GetValue<string>())))
        {
            return ErpError.Validation(path ?? field, $"{path ?? field} is required.");
        }

        return OptionalString(record, field, path);
    }

    public static ErpError? OptionalString(JsonObject record, string field, string? path = null) =>
        record[field] is { } node && node.GetValueKind() != JsonValueKind.String
            ? ErpError.Validation(path ?? field, $"{path ?? field} must be a string.")
            : null;

    public static ErpError? OneOf(JsonObject record, string field, params string[] allowed)
    {
        if (OptionalString(record, field) is { } typeError)
        {
            return typeError;
        }

        return record[field] is { } node && !allowed.Contains(node.GetValue<string>(), StringComparer.Ordinal)
            ? ErpError.InvalidValue(field, $"{field} must be one of {string.Join(", ", allowed)}.")
            : null;
    }

    public static ErpError? Pattern(JsonObject record, string field, Func<string, bool> valid, string expected, string? path = null)
    {
        if (OptionalString(record, field, path) is { } typeError)
        {
            return typeError;
        }

        return record[field] is { } node && !valid(node.GetValue<string>())
            ? ErpError.InvalidValue(path ?? field, $"{path ?? field} must be {expected}.")
            : null;
    }

    public static ErpError? Number(JsonObject record, string field, decimal? min = null, bool exclusiveMin = false, string? path = null)
    {
        var name = path ?? field;
        if (record[field] is not { } node)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.Number)
        {
            return ErpError.Validation(name, $"{name} must be a number.");
        }

        // Parse the JSON text: the node may be backed by a JsonElement or a CLR number of any type.
        if (!decimal.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return ErpError.InvalidValue(name, $"{name} is out of range.");
        }

        if (min is { } m && (exclusiveMin ? value <= m : value < m))
        {
            return ErpError.InvalidValue(name, $"{name} must be {(exclusiveMin ? "greater than" : "at least")} {m.ToString(CultureInfo.InvariantCulture)}.");
        }

        return null;
    }

    public static bool IsCurrency(string value) => value.Length == 3 && value.All(char.IsAsciiLetterUpper);

    public static bool IsCountry(string value) => value.Length == 2 && value.All(char.IsAsciiLetterUpper);

    public static bool IsDate(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    public static bool IsTimestamp(string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _);

    /// <summary>Returns the first non-null error.</summary>
    public static ErpError? First(params ErpError?[] errors) => errors.FirstOrDefault(e => e is not null);
}
