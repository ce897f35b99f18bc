using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CrmBridge.Mappings.Loading;
using CrmBridge.Mappings.Runtime;

namespace CrmBridge.Mappings.Compilation;

/// <summary>Compiles the transforms of a field rule, checking their settings once at load.</summary>
internal sealed partial class MappingCompiler
{
    private static readonly DateTimeOffset SampleDate = new(2024, 5, 1, 13, 45, 30, TimeSpan.Zero);

    private Transform[] CompileBefore(JsonObject rule, string pointer)
    {
        var list = new List<Transform>();
        if (rule["trim"] is JsonValue trim && trim.TryGetValue(out bool doTrim) && doTrim)
        {
            list.Add(Transforms.Trim());
        }

        if (rule["split"] is JsonObject split && Text(split, "separator") is { Length: > 0 } separator)
        {
            var take = split["take"] is JsonValue t && t.TryGetValue(out decimal n) ? (int)n : 0;
            list.Add(Transforms.Split(separator, take));
        }

        if (Text(rule, "case") is { } mode && mode is "upper" or "lower" or "title")
        {
            list.Add(Transforms.Case(mode));
        }

        return [.. list];
    }

    private Transform[] CompileAfter(JsonObject rule, string pointer)
    {
        var list = new List<Transform>();
        if (rule["map"] is JsonObject map)
        {
            var table = map.ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal);
            var hasOtherwise = rule.TryGetPropertyValue("otherwise", out var otherwise);
            list.Add(Transforms.Map(table, hasOtherwise, otherwise?.DeepClone()));
        }

        if (rule["number"] is JsonObject number)
        {
            int? decimals = number["decimals"] is JsonValue d && d.TryGetValue(out decimal places) && places is >= 0 and <= 28 ? (int)places : null;
            decimal? multiply = number["multiply"] is JsonValue m && m.TryGetValue(out decimal factor) ? factor : null;
            var rounding = Text(number, "rounding") switch
            {
                "toEven" => MidpointRounding.ToEven,
                "down" => MidpointRounding.ToZero,
                "up" => MidpointRounding.ToPositiveInfinity,
                _ => MidpointRounding.AwayFromZero,
            };
            list.Add(Transforms.Number(decimals, rounding, multiply));
        }

        if (rule["date"] is JsonObject date && CompileDate(date, SourceMap.Child(pointer, "date")) is { } dateTransform)
        {
            list.Add(dateTransform);
        }

        if (rule["boolean"] is JsonValue)
        {
            list.Add(Transforms.Boolean());
        }

        if (Text(rule, "lookup") is { } lookup)
        {
            if (_lookups.ContainsKey(lookup))
            {
                _usedLookups.Add(lookup);
                list.Add(Transforms.Lookup(lookup));
            }
            else
            {
                var known = _lookups.Count == 0 ? "none are defined: add a lookups: block or a lookups.yaml beside this file" : "known: " + string.Join(", ", _lookups.Keys.Order(StringComparer.Ordinal));
                Error(SourceMap.Child(pointer, "lookup"), $"unknown lookup '{lookup}' ({known})");
            }
        }

        if (Text(rule, "format") is { } format && !rule.ContainsKey("date") && !rule.ContainsKey("boolean") && CompileFormat(format, rule.ContainsKey("number"), SourceMap.Child(pointer, "format")) is { } formatTransform)
        {
            list.Add(formatTransform);
        }

        return [.. list];
    }

    private Transform? CompileDate(JsonObject date, string pointer)
    {
        var zone = Zone(date, "timeZone", pointer);
        var sourceZone = Zone(date, "sourceTimeZone", pointer);
        var format = Text(date, "format") ?? "iso";
        if (format is not ("iso" or "epochMillis"))
        {
            try
            {
                _ = SampleDate.ToString(format, CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                Error(SourceMap.Child(pointer, "format"), $"bad date format '{format}' (use .NET date patterns such as yyyy-MM-dd or yyyy-MM-ddTHH:mm:ss, or iso / epochMillis)");
                return null;
            }
        }

        return zone is null || sourceZone is null ? null : Transforms.Date(format, zone, sourceZone);
    }

    private TimeZoneInfo? Zone(JsonObject date, string name, string pointer)
    {
        var id = Text(date, name);
        if (id is null)
        {
            return TimeZoneInfo.Utc;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return zone;
        }

        Error(SourceMap.Child(pointer, name), $"unknown time zone '{id}' (use an IANA name such as Asia/Shanghai, Europe/Berlin or UTC)");
        return null;
    }

    private Transform? CompileFormat(string format, bool isNumber, string pointer)
    {
        try
        {
            if (isNumber)
            {
                _ = Transforms.FormatNumber(1234m, format);
                return Transforms.NumberFormat(format);
            }

            if (!format.Contains("{0", StringComparison.Ordinal))
            {
                Error(pointer, $"format '{format}' has no {{0}} placeholder for the value (e.g. \"SO-{{0}}\"); numeric formats need number: {{}}");
                return null;
            }

            _ = string.Format(CultureInfo.InvariantCulture, format, "x");
            return Transforms.TextFormat(format);
        }
        catch (FormatException)
        {
            Error(pointer, $"bad format '{format}'" + (isNumber ? " (use a .NET numeric format such as 0.00, N2 or D6)" : " (use a pattern such as \"SO-{0}\" or \"{0:000000}\")"));
            return null;
        }
    }

    private (Func<JsonObject, Cell>? Read, string? SourceText) CompileConcat(JsonArray parts, string pointer)
    {
        var literals = new string?[parts.Count];
        var paths = new SourcePath?[parts.Count];
        for (var i = 0; i < parts.Count; i++)
        {
            var text = parts[i] is JsonValue v && Cell.FromNode(v).TryGetText(out var t) ? t : string.Empty;
            if (text.StartsWith("$$", StringComparison.Ordinal))
            {
                literals[i] = text[1..];
            }
            else if (text.Length > 1 && text[0] == '$')
            {
                paths[i] = Source(text[1..]);
            }
            else
            {
                literals[i] = text;
            }
        }

        var sourceText = string.Join(", ", paths.OfType<SourcePath>().Select(p => p.Text));
        return (source => Concat(literals, paths, source), sourceText.Length == 0 ? null : sourceText);
    }

    private static Cell Concat(string?[] literals, SourcePath?[] paths, JsonObject source)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < literals.Length; i++)
        {
            if (literals[i] is { } literal)
            {
                builder.Append(literal);
            }
            else if (paths[i]!.Read(source) is { IsEmpty: false } cell && cell.TryGetText(out var text))
            {
                builder.Append(text);
            }
        }

        return Cell.FromText(builder.ToString());
    }
}
