using System.Text;
using CrmBridge.Admin.Http;
using CrmBridge.Admin.Overview;
using CrmBridge.Pipeline;
using CrmBridge.Pipeline.Operations;

namespace CrmBridge.Admin.Pages;

/// <summary>The overview: per route the outcome counts with a small chart, backlog, polls, circuits and connections.</summary>
internal sealed class OverviewPage(StatusService status, ConnectionHealthService connections, ConnectorRegistry connectors, OutcomeSeries series)
{
    public async Task ShowAsync(AdminRequest r)
    {
        var t = r.T;
        var report = await status.GetReportAsync(r.Aborted).ConfigureAwait(false);
        var health = await connections.GetAsync(connectors.Systems, r.Aborted).ConfigureAwait(false);
        var samples = await series.SampleAsync(report.Rows, r.Aborted).ConfigureAwait(false);
        var html = new StringBuilder();
        html.Append("<h1>").Append(Html.E(t["overview.title"])).Append("</h1><div class=\"cards\">");
        Card(html, "backlog", t["overview.backlog"], report.Pending.ToString(System.Globalization.CultureInfo.InvariantCulture), null);
        Card(html, "open-failed", t["overview.openFailed"], report.OpenDeadLetters.ToString(System.Globalization.CultureInfo.InvariantCulture), report.OpenDeadLetters > 0 ? r.Url("failed") : null);
        Card(html, "delivered-total", t["overview.deliveredTotal"], report.Rows.Sum(x => x.Delivered).ToString(System.Globalization.CultureInfo.InvariantCulture), null);
        html.Append("</div>");

        html.Append("<h2>").Append(Html.E(t["overview.routes"])).Append("</h2><table id=\"routes\"><tr>");
        foreach (var head in new[] { "col.source", "col.route", "col.delivered", "col.skipped", "col.filtered", "col.retried", "col.deadLettered", "col.lastActivity", "col.chart" })
        {
            html.Append("<th>").Append(Html.E(t[head])).Append("</th>");
        }

        html.Append("</tr>");
        foreach (var row in report.Rows)
        {
            html.Append("<tr data-route=\"").Append(Html.E(row.Route)).Append("\"><td>").Append(Html.E(row.System + "/" + row.Entity)).Append("</td><td>").Append(Html.E(row.Route.Length > 0 ? row.Route : "–")).Append("</td>");
            foreach (var (name, value) in new[] { ("delivered", row.Delivered), ("skipped", row.Skipped), ("filtered", row.Filtered), ("retried", row.Retried), ("deadlettered", row.DeadLettered) })
            {
                var cls = name == "deadlettered" && value > 0 ? " bad" : "";
                html.Append("<td class=\"num").Append(cls).Append("\" data-count=\"").Append(name).Append("\">").Append(value).Append("</td>");
            }

            html.Append("<td>").Append(Html.E(r.Time(row.LastActivity))).Append("</td><td>")
                .Append(row.Route.Length > 0 ? OutcomeChart.Render(samples, row.Route, t["col.chart"] + " " + row.Route) : "").Append("</td></tr>");
        }

        html.Append("</table><p class=\"muted legend\"><span><i style=\"background:#1f7a3d\"></i>").Append(Html.E(t["chart.delivered"]))
            .Append("</span><span><i style=\"background:#b42318\"></i>").Append(Html.E(t["chart.failed"])).Append("</span>")
            .Append(Html.E(string.Format(System.Globalization.CultureInfo.InvariantCulture, t["chart.interval"], (int)OutcomeSeries.Interval.TotalMinutes))).Append("</p>");
        Polls(html, r, report);
        Connections(html, r, report, health);
        await AdminResponses.PageAsync(r, t["overview.title"], html.ToString()).ConfigureAwait(false);
    }

    private static void Card(StringBuilder html, string id, string label, string value, string? link)
    {
        html.Append("<div class=\"card\" id=\"").Append(id).Append("\"><div class=\"muted\">").Append(Html.E(label)).Append("</div><div class=\"value\">");
        html.Append(link is null ? Html.E(value) : $"<a href=\"{link}\">{Html.E(value)}</a>").Append("</div></div>");
    }

    private static void Polls(StringBuilder html, AdminRequest r, SyncStatusReport report)
    {
        var t = r.T;
        html.Append("<h2>").Append(Html.E(t["overview.polls"])).Append("</h2><table id=\"polls\"><tr><th>").Append(Html.E(t["col.source"])).Append("</th><th>")
            .Append(Html.E(t["col.lastPoll"])).Append("</th><th>").Append(Html.E(t["col.outcome"])).Append("</th><th>").Append(Html.E(t["col.lastSuccess"])).Append("</th></tr>");
        foreach (var poll in report.Polls)
        {
            var outcome = poll.Succeeded ? $"<span class=\"ok\">{Html.E(t["poll.ok"])}</span>"
                : $"<span class=\"bad\">{Html.E(string.Format(System.Globalization.CultureInfo.InvariantCulture, t["poll.failing"], poll.ConsecutiveFailures))}</span> {Html.E(poll.LastError)}";
            html.Append("<tr><td>").Append(Html.E(poll.System + "/" + poll.Entity)).Append("</td><td>").Append(Html.E(r.Time(poll.LastPollAt))).Append("</td><td>")
                .Append(outcome).Append("</td><td>").Append(Html.E(r.Time(poll.LastSuccessAt))).Append("</td></tr>");
        }

        html.Append("</table>");
    }

    private static void Connections(StringBuilder html, AdminRequest r, SyncStatusReport report, IReadOnlyList<ConnectionHealth> health)
    {
        var t = r.T;
        html.Append("<h2>").Append(Html.E(t["overview.connections"])).Append("</h2><table id=\"connections\"><tr><th>").Append(Html.E(t["col.system"])).Append("</th><th>")
            .Append(Html.E(t["col.circuit"])).Append("</th><th>").Append(Html.E(t["col.health"])).Append("</th></tr>");
        foreach (var connection in health)
        {
            var circuit = report.Circuits.FirstOrDefault(c => string.Equals(c.System, connection.System, StringComparison.OrdinalIgnoreCase));
            var state = circuit is null ? t["circuit.none"] : t["circuit." + circuit.State] + (circuit.LastError is { } e ? " · " + e : "");
            html.Append("<tr><td>").Append(Html.E(connection.System)).Append("</td><td>").Append(Html.E(state)).Append("</td><td class=\"")
                .Append(connection.Ok ? "ok" : "bad").Append("\">").Append(Html.E(connection.Ok ? t["health.ok"] : connection.Verdict)).Append("</td></tr>");
        }

        html.Append("</table>");
    }
}
