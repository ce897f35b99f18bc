using System.Text;
using CrmBridge.Admin.Audit;
using CrmBridge.Admin.Http;

namespace CrmBridge.Admin.Pages;

/// <summary>The audit log: who replayed, dismissed or repaired what, and when.</summary>
internal sealed class AuditPage(AdminAuditLog audit)
{
    public async Task ShowAsync(AdminRequest r)
    {
        var entries = await audit.ListAsync(null, r.Aborted).ConfigureAwait(false);
        await AdminResponses.PageAsync(r, r.T["nav.audit"], $"<h1>{Html.E(r.T["audit.title"])}</h1>{Table(r, entries)}").ConfigureAwait(false);
    }

    public static string Table(AdminRequest r, IReadOnlyList<AuditEntry> entries)
    {
        var t = r.T;
        if (entries.Count == 0)
        {
            return $"<p class=\"muted\">{Html.E(t["audit.none"])}</p>";
        }

        var html = new StringBuilder("<table class=\"audit\"><tr>");
        foreach (var head in new[] { "col.at", "col.who", "col.action", "col.target", "col.count", "col.note" })
        {
            html.Append("<th>").Append(Html.E(t[head])).Append("</th>");
        }

        html.Append("</tr>");
        foreach (var e in entries)
        {
            html.Append("<tr><td>").Append(Html.E(r.Time(e.At))).Append("</td><td class=\"who\">").Append(Html.E(e.User)).Append("</td><td class=\"action\">").Append(Html.E(t["action." + e.Action]))
                .Append("</td><td><code>").Append(Html.E(e.Target)).Append("</code></td><td class=\"num\">").Append(e.Count).Append("</td><td>").Append(Html.E(e.Note ?? "")).Append("</td></tr>");
        }

        return html.Append("</table>").ToString();
    }
}
