using System.Globalization;

namespace CrmBridge.Mappings.Runtime;

/// <summary>The date and format transforms.</summary>
internal static partial class Transforms
{
    /// <summary>The default date output: ISO 8601 to the second with the zone's offset.</summary>
    public const string IsoFormat = "yyyy-MM-dd'T'HH:mm:sszzz";

    public static Transform Date(string format, TimeZoneInfo zone, TimeZoneInfo sourceZone) => (ref Cell cell, MapRun run, FieldPlan field) =>
    {
        if (!DateValues.TryParse(cell, sourceZone, out var value))
        {
            run.Error(field.Target.Text, field.SourceText, "BAD_DATE", "the source value is not a date (ISO 8601, epoch milliseconds or /Date(ms)/)");
            return false;
        }

        try
        {
            var local = TimeZoneInfo.ConvertTime(value, zone);
            cell = format switch
            {
                "epochMillis" => Cell.FromNumber(value.ToUnixTimeMilliseconds()),
                "iso" => Cell.FromText(local.ToString(IsoFormat, CultureInfo.InvariantCulture)),
                _ => Cell.FromText(local.ToString(format, CultureInfo.InvariantCulture)),
            };
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            // Dates at the edge of the calendar (year 1 or 9999) cannot be moved to another offset.
            run.Error(field.Target.Text, field.SourceText, "BAD_DATE", "the date is out of the supported range");
            return false;
        }
    };

    /// <summary>Formats a number with a .NET numeric format; integral values format as integers so D6 works.</summary>
    public static Transform NumberFormat(string format) => (ref Cell cell, MapRun run, FieldPlan field) =>
    {
        if (!cell.TryGetNumber(out var number))
        {
            run.Error(field.Target.Text, field.SourceText, "NOT_A_NUMBER", "the source value is not a number");
            return false;
        }

        try
        {
            cell = Cell.FromText(FormatNumber(number, format));
            return true;
        }
        catch (FormatException)
        {
            run.Error(field.Target.Text, field.SourceText, "BAD_FORMAT", $"the number cannot be formatted with '{format}'");
            return false;
        }
    };

    /// <summary>Formats any value through a composite pattern such as <c>SO-{0}</c>.</summary>
    public static Transform TextFormat(string pattern) => (ref Cell cell, MapRun run, FieldPlan field) =>
    {
        object? argument = cell.Kind switch
        {
            CellKind.Number => cell.Number,
            _ when cell.TryGetNumber(out var n) && cell.Kind == CellKind.Node && cell.Node!.GetValueKind() == System.Text.Json.JsonValueKind.Number => n,
            _ when cell.TryGetText(out var t) => t,
            _ => null,
        };
        if (argument is null)
        {
            run.Error(field.Target.Text, field.SourceText, "BAD_FORMAT", "the source value is an object or list and cannot be formatted");
            return false;
        }

        try
        {
            cell = Cell.FromText(string.Format(CultureInfo.InvariantCulture, pattern, argument));
            return true;
        }
        catch (FormatException)
        {
            run.Error(field.Target.Text, field.SourceText, "BAD_FORMAT", $"the value cannot be formatted with '{pattern}'");
            return false;
        }
    };

    public static string FormatNumber(decimal number, string format) =>
        decimal.Truncate(number) == number && number is >= long.MinValue and <= long.MaxValue
            ? ((long)number).ToString(format, CultureInfo.InvariantCulture)
            : number.ToString(format, CultureInfo.InvariantCulture);
}
