using System.Text;

namespace CrmBridge.Cli.Output;

/// <summary>
/// Renders rows as an aligned plain-text table (works in every terminal and in logs). Widths are terminal cells
/// (<see cref="DisplayWidth"/>), so East Asian wide characters (客户, 深圳) take two columns and stay aligned.
/// </summary>
internal sealed class TextTable
{
    private readonly string[] _headers;
    private readonly List<string[]> _rows = [];

    public TextTable(params string[] headers) => _headers = headers;

    public int Count => _rows.Count;

    public TextTable Add(params object?[] cells)
    {
        _rows.Add(cells.Select(c => c switch
        {
            null => "-",
            DateTimeOffset d => d.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => c.ToString() ?? "",
        }).ToArray());
        return this;
    }

    public override string ToString()
    {
        var widths = _headers.Select((h, i) => Math.Max(DisplayWidth.Of(h), _rows.Count == 0 ? 0 : _rows.Max(r => i < r.Length ? DisplayWidth.Of(r[i]) : 0))).ToArray();
        var text = new StringBuilder();
        Line(text, _headers, widths);
        text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in _rows)
        {
            Line(text, row, widths);
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string[] cells, int[] widths) =>
        text.AppendLine(string.Join("  ", cells.Select((c, i) => DisplayWidth.PadRight(c, widths[i]))).TrimEnd());
}
