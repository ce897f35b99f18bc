using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Mappings.Runtime;

/// <summary>
/// Parses the date shapes CRMs send: ISO 8601 with or without offset, epoch milliseconds (number or digit text,
/// Fxiaoke), and Dataverse's <c>/Date(ms)/</c>. Values without an offset are read in the source time zone.
/// </summary>
internal static class DateValues
{
    public static bool TryParse(in Cell cell, TimeZoneInfo sourceZone, out DateTimeOffset value)
    {
        if (cell.Kind == CellKind.Number)
        {
            return TryFromMillis(cell.Number, out value);
        }

        if (cell.Kind == CellKind.Node && cell.Node is JsonValue node && node.GetValueKind() == JsonValueKind.Number)
        {
            return JsonValues.TryGetNumber(node, out var ms) ? TryFromMillis(ms, out value) : Fail(out value);
        }

        return cell.TryGetText(out var text) ? TryParseText(text.Trim(), sourceZone, out value) : Fail(out value);
    }

    private static bool TryParseText(string text, TimeZoneInfo sourceZone, out DateTimeOffset value)
    {
        if (text.Length >= 11 && IsDigits(text) && decimal.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms))
        {
            return TryFromMillis(ms, out value);
        }

        var slashDate = text.Replace("\\/", "/", StringComparison.Ordinal);
        if (slashDate.StartsWith("/Date(", StringComparison.Ordinal) && slashDate.EndsWith(")/", StringComparison.Ordinal))
        {
            var inner = slashDate[6..^2];
            var end = inner.IndexOfAny(['+', '-'], 1);
            return decimal.TryParse(end > 0 ? inner[..end] : inner, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out ms)
                ? TryFromMillis(ms, out value)
                : Fail(out value);
        }

        if (HasOffset(text))
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out value);
        }

        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local))
        {
            return Fail(out value);
        }

        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        try
        {
            value = new DateTimeOffset(local, sourceZone.GetUtcOffset(local));
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return Fail(out value);
        }
    }

    private static bool HasOffset(string text)
    {
        var t = text.IndexOf('T', StringComparison.Ordinal);
        if (t < 0)
        {
            t = text.IndexOf(' ', StringComparison.Ordinal);
        }

        if (t < 0)
        {
            return false;
        }

        var time = text.AsSpan(t);
        return time.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || time.LastIndexOfAny('+', '-') > 0;
    }

    private static bool TryFromMillis(decimal ms, out DateTimeOffset value)
    {
        if (ms < -62135596800000m || ms > 253402300799999m)
        {
            return Fail(out value);
        }

        value = DateTimeOffset.FromUnixTimeMilliseconds((long)decimal.Truncate(ms));
        return true;
    }

    private static bool IsDigits(string text)
    {
        for (var i = text[0] == '-' ? 1 : 0; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Fail(out DateTimeOffset value)
    {
        value = default;
        return false;
    }
}
