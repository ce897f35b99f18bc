using System.Globalization;
using System.Text;

namespace CrmBridge.Admin.Overview;

/// <summary>A small inline SVG bar chart of one route's outcomes per interval (delivered up, dead-lettered and retried down): no script, no CDN.</summary>
internal static class OutcomeChart
{
    private const int Width = 240;
    private const int Height = 44;

    /// <summary>Renders the chart of one route.</summary>
    /// <param name="samples">The samples, oldest first.</param>
    /// <param name="route">The route.</param>
    /// <param name="label">The accessible label.</param>
    /// <returns>The SVG markup, or a dash when there is nothing to draw.</returns>
    public static string Render(IReadOnlyList<OutcomeSample> samples, string route, string label)
    {
        var deltas = new List<(long Good, long Bad)>();
        for (var i = 1; i < samples.Count; i++)
        {
            var before = samples[i - 1].Totals.GetValueOrDefault(route) ?? new long[5];
            var after = samples[i].Totals.GetValueOrDefault(route) ?? new long[5];
            deltas.Add((Math.Max(0, after[0] - before[0]), Math.Max(0, after[3] - before[3] + after[4] - before[4])));
        }

        if (deltas.Count == 0)
        {
            return "<span class=\"muted\">–</span>";
        }

        var max = Math.Max(1, deltas.Max(d => Math.Max(d.Good, d.Bad)));
        var bar = Math.Max(2.0, Math.Min(12.0, (double)Width / deltas.Count));
        var middle = Height / 2.0;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Http.Html.E(label)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"0\" y1=\"{middle}\" x2=\"{Width}\" y2=\"{middle}\" stroke=\"#d9e0e7\"/>");
        var x = Width - (deltas.Count * bar);
        foreach (var (good, bad) in deltas)
        {
            var up = good * (middle - 2) / max;
            var down = bad * (middle - 2) / max;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{middle - up:0.#}\" width=\"{bar - 1:0.#}\" height=\"{up:0.#}\" fill=\"#1f7a3d\"><title>{good}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{middle:0.#}\" width=\"{bar - 1:0.#}\" height=\"{down:0.#}\" fill=\"#b42318\"><title>{bad}</title></rect>");
            x += bar;
        }

        return svg.Append("</svg>").ToString();
    }
}
