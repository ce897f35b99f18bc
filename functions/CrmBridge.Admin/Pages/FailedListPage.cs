using System.Text;
using CrmBridge.Admin.Http;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Admin.Pages;

/// <summary>Failed records (open dead letters) with filters, and rejected webhook input on a tab of its own.</summary>
internal sealed class FailedListPage(DeadLetterService deadLetters, IRecordMapper mapper, TimeProvider time)
{
    /// <summary>The most letters read for one list.</summary>
    public const int MaxListed = 1000;

    public async Task<IReadOnlyList<DeadLetter>> MatchingAsync(FailedFilter filter, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var open = await deadLetters.ListAsync(new DeadLetterQuery(DeadLetterStatus.Open, Limit: MaxListed), cancellationToken).ConfigureAwait(false);
        return [.. open.Where(l => filter.Matches(l, now))];
    }

    public async Task ShowAsync(AdminRequest r)
    {
        var t = r.T;
        var filter = FailedFilter.From(r.Query);
        var letters = await MatchingAsync(filter, r.Aborted).ConfigureAwait(false);
        var html = new StringBuilder();
        html.Append("<h1>").Append(Html.E(t["failed.title"])).Append("</h1><p>")
            .Append(Tab(r, false, filter.Rejected, t["failed.tab.failed"])).Append(" · ").Append(Tab(r, true, filter.Rejected, t["failed.tab.rejected"])).Append("</p>");
        Filters(html, r, filter, letters);
        if (letters.Count == 0)
        {
            html.Append("<p id=\"none\" class=\"ok\">").Append(Html.E(t["failed.none"])).Append("</p>");
            await AdminResponses.PageAsync(r, t["failed.title"], html.ToString()).ConfigureAwait(false);
            return;
        }

        html.Append("<form method=\"post\" action=\"").Append(r.Url("failed/replay")).Append("\">").Append(r.TokenInput());
        foreach (var (name, value) in new[] { ("route", filter.Route), ("code", filter.Code), ("age", filter.AgeText) })
        {
            html.Append("<input type=\"hidden\" name=\"").Append(name).Append("\" value=\"").Append(Html.E(value)).Append("\">");
        }

        html.Append("<table id=\"failed\"><tr><th><input type=\"checkbox\" id=\"select-all\" aria-label=\"").Append(Html.E(t["failed.selectAll"])).Append("\"></th>");
        foreach (var head in new[] { "col.failedAt", "col.record", "col.route", "col.code", "col.reason", "col.occurrences" })
        {
            html.Append("<th>").Append(Html.E(t[head])).Append("</th>");
        }

        html.Append("</tr>");
        foreach (var letter in letters)
        {
            var e = letter.Envelope;
            html.Append("<tr data-id=\"").Append(Html.E(letter.Id)).Append("\"><td><input type=\"checkbox\" name=\"id\" value=\"").Append(Html.E(letter.Id)).Append("\"></td><td>")
                .Append(Html.E(r.Time(letter.FailedAt))).Append("</td><td><a class=\"open\" href=\"").Append(r.Url("failed/" + Uri.EscapeDataString(letter.Id))).Append("\">")
                .Append(Html.E($"{e.System}/{e.Entity}/{e.RecordId}")).Append("</a></td><td>").Append(Html.E(letter.Route ?? "–")).Append("</td><td><code>").Append(Html.E(letter.ErrorCode))
                .Append("</code></td><td>").Append(Html.E(PlainReason.For(letter, t))).Append("</td><td class=\"num\">").Append(letter.Occurrences).Append("</td></tr>");
        }

        html.Append("</table>");
        if (!filter.Rejected)
        {
            html.Append("<button class=\"primary\" type=\"submit\" name=\"scope\" value=\"selected\" id=\"replay-selected\">").Append(Html.E(t["failed.replaySelected"])).Append("</button> ")
                .Append("<button class=\"secondary\" type=\"submit\" name=\"scope\" value=\"all\" id=\"replay-all\">")
                .Append(Html.E(string.Format(System.Globalization.CultureInfo.InvariantCulture, t["failed.replayAll"], letters.Count))).Append("</button>");
        }
        else
        {
            html.Append("<p class=\"muted\">").Append(Html.E(t["failed.rejectedHint"])).Append("</p>");
        }

        html.Append("</form>");
        await AdminResponses.PageAsync(r, t["failed.title"], html.ToString()).ConfigureAwait(false);
    }

    private static string Tab(AdminRequest r, bool rejected, bool current, string label) =>
        rejected == current ? $"<strong>{Html.E(label)}</strong>" : $"<a id=\"tab-{(rejected ? "rejected" : "failed")}\" href=\"{r.Url(rejected ? "failed?tab=rejected" : "failed")}\">{Html.E(label)}</a>";

    private void Filters(StringBuilder html, AdminRequest r, FailedFilter filter, IReadOnlyList<DeadLetter> listed)
    {
        var t = r.T;
        html.Append("<form class=\"filters\" method=\"get\" action=\"").Append(r.Url("failed")).Append("\">");
        if (filter.Rejected)
        {
            html.Append("<input type=\"hidden\" name=\"tab\" value=\"rejected\">");
        }

        Select(html, "route", t["col.route"], mapper.Routes.Select(x => x.Name).Order(StringComparer.Ordinal), filter.Route, t["filter.any"]);
        // The pipeline's codes, and whatever codes the connectors gave the letters listed (HTTP_400, 0x80044331, ...).
        var codes = typeof(DeadLetterCodes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetValue(null)!).Where(c => !c.EndsWith('_'))
            .Concat(listed.Select(l => l.ErrorCode)).Append(filter.Code).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        Select(html, "code", t["col.code"], codes, filter.Code, t["filter.any"]);
        Select(html, "age", t["filter.age"], FailedFilter.Ages, filter.AgeText, t["filter.anyAge"]);
        html.Append("<button class=\"secondary\" type=\"submit\" id=\"apply-filter\">").Append(Html.E(t["filter.apply"])).Append("</button></form>");
    }

    private static void Select(StringBuilder html, string name, string label, IEnumerable<string> values, string? selected, string any)
    {
        html.Append("<div><label for=\"f-").Append(name).Append("\">").Append(Html.E(label)).Append("</label><select id=\"f-").Append(name).Append("\" name=\"").Append(name).Append("\"><option value=\"\">")
            .Append(Html.E(any)).Append("</option>");
        foreach (var value in values)
        {
            html.Append("<option").Append(value == selected ? " selected" : "").Append('>').Append(Html.E(value)).Append("</option>");
        }

        html.Append("</select></div>");
    }
}
