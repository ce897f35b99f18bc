using System.Globalization;
using System.Text;
using CrmBridge.Admin.Audit;
using CrmBridge.Admin.Http;
using CrmBridge.Admin.Reconcile;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline;
using CrmBridge.Pipeline.Operations;

namespace CrmBridge.Admin.Pages;

/// <summary>Reconcile: start one for a source entity (optionally repairing), watch its progress, read the drift report, repair.</summary>
internal sealed class ReconcilePage(ReconcileJobs jobs, IRecordMapper mapper, ConnectorRegistry connectors, AdminAuditLog audit)
{
    public Task ShowAsync(AdminRequest r)
    {
        var t = r.T;
        var html = new StringBuilder("<h1>").Append(Html.E(t["reconcile.title"])).Append("</h1><p class=\"muted\">").Append(Html.E(t["reconcile.hint"])).Append("</p>")
            .Append("<form method=\"post\" action=\"").Append(r.Url("reconcile")).Append("\" class=\"filters\">").Append(r.TokenInput())
            .Append("<div><label for=\"source\">").Append(Html.E(t["reconcile.entity"])).Append("</label><select id=\"source\" name=\"source\">");
        foreach (var source in Sources())
        {
            html.Append("<option>").Append(Html.E(source)).Append("</option>");
        }

        html.Append("</select></div><div><label><input type=\"checkbox\" name=\"repair\" value=\"true\" id=\"repair-now\"> ").Append(Html.E(t["reconcile.repairToo"])).Append("</label></div>")
            .Append("<button class=\"primary\" type=\"submit\" id=\"start\">").Append(Html.E(t["reconcile.start"])).Append("</button></form>");
        html.Append("<h2>").Append(Html.E(t["reconcile.recent"])).Append("</h2><table><tr><th>").Append(Html.E(t["col.at"])).Append("</th><th>").Append(Html.E(t["reconcile.entity"]))
            .Append("</th><th>").Append(Html.E(t["col.who"])).Append("</th><th>").Append(Html.E(t["col.status"])).Append("</th></tr>");
        foreach (var job in jobs.All)
        {
            html.Append("<tr><td><a href=\"").Append(r.Url("reconcile/" + job.Id)).Append("\">").Append(Html.E(r.Time(job.StartedAt))).Append("</a></td><td>")
                .Append(Html.E($"{job.Request.System}/{job.Request.Entity}{(job.Request.Repair ? " (" + t["reconcile.repair"] + ")" : "")}")).Append("</td><td>")
                .Append(Html.E(job.StartedBy)).Append("</td><td>").Append(Html.E(State(t, job))).Append("</td></tr>");
        }

        return AdminResponses.PageAsync(r, t["reconcile.title"], html.Append("</table>").ToString());
    }

    public async Task StartAsync(AdminRequest r)
    {
        var form = await r.Context.Request.ReadFormAsync(r.Aborted).ConfigureAwait(false);
        var source = form["source"].ToString();
        if (!Sources().Contains(source, StringComparer.Ordinal))
        {
            await AdminResponses.RedirectAsync(r.Context, r.Url("reconcile")).ConfigureAwait(false);
            return;
        }

        var (system, entity) = (source.Split('/', 2)[0], source.Split('/', 2)[1]);
        var repair = form["repair"] == "true";
        var who = FailedActions.Who(r);
        var job = jobs.Start(new ReconcileRequest(system, entity, Repair: repair), who);
        await audit.AddAsync(who, repair ? "repair" : "reconcile", source, 0, null, r.Aborted).ConfigureAwait(false);
        await AdminResponses.RedirectAsync(r.Context, r.Url("reconcile/" + job.Id)).ConfigureAwait(false);
    }

    public Task ShowJobAsync(AdminRequest r, string id, bool fragment)
    {
        var t = r.T;
        var job = jobs.Get(id);
        var panel = job is null ? $"<div class=\"error\" id=\"progress\">{Html.E(t["reconcile.unknownJob"])}</div>" : Panel(r, job);
        return fragment ? AdminResponses.FragmentAsync(r, panel)
            : AdminResponses.PageAsync(r, t["reconcile.title"], $"<h1>{Html.E(t["reconcile.title"])}{(job is null ? "" : " " + Html.E($"{job.Request.System}/{job.Request.Entity}"))}</h1>{panel}");
    }

    private static string State(Texts.AdminTexts t, ReconcileJob job) =>
        job.Error is not null ? t["reconcile.failed"] : job.Report is null ? t["reconcile.running"] : job.Report.Whole ? t["reconcile.whole"] : t["reconcile.drift"];

    private IEnumerable<string> Sources() =>
        mapper.Routes.Where(x => connectors.TryGet(x.SourceSystem, out _)).Select(x => $"{x.SourceSystem}/{x.SourceEntity}").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    private static string Panel(AdminRequest r, ReconcileJob job)
    {
        var t = r.T;
        if (!job.Done)
        {
            var p = job.Progress;
            var text = p is null ? t["reconcile.starting"] : p.Total > 0 ? $"{p.Phase}: {p.Done} / {p.Total}" : $"{p.Phase}: {p.Done}";
            var bar = p is { Total: > 0 } ? $"<progress max=\"{p.Total}\" value=\"{p.Done}\"></progress>" : "<progress></progress>";
            return $"<div id=\"progress\" hx-get=\"{r.Url("reconcile/" + job.Id + "/progress")}\" hx-trigger=\"every 1s\" hx-swap=\"outerHTML\"><p>{Html.E(t["reconcile.running"])} {bar} <span id=\"progress-text\">{Html.E(text)}</span></p></div>";
        }

        if (job.Error is not null)
        {
            return $"<div id=\"progress\" class=\"error\" data-done=\"true\">{Html.E(t["reconcile.failed"])}: {Html.E(job.Error)}</div>";
        }

        var report = job.Report!;
        var html = new StringBuilder("<div id=\"progress\" data-done=\"true\"><p id=\"verdict\" class=\"").Append(report.Whole ? "ok" : "warn").Append("\">")
            .Append(Html.E(string.Format(CultureInfo.InvariantCulture, report.Whole ? t["reconcile.wholeText"] : t["reconcile.driftText"], report.SourceRecords))).Append("</p>")
            .Append("<table id=\"drift\"><tr>");
        foreach (var head in new[] { "col.route", "drift.checked", "drift.inSync", "drift.missing", "drift.stale", "drift.orphaned", "drift.unmappable", "drift.filtered", "drift.repaired" })
        {
            html.Append("<th>").Append(Html.E(t[head])).Append("</th>");
        }

        html.Append("</tr>");
        foreach (var route in report.Routes)
        {
            html.Append("<tr><td>").Append(Html.E(route.Route)).Append("</td>");
            foreach (var n in new[] { route.Checked, route.InSync, route.Missing, route.Stale, route.Orphaned, route.Unmappable, route.Filtered, route.Repaired })
            {
                html.Append("<td class=\"num\">").Append(n).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table>");
        var examples = report.Routes.SelectMany(x => x.Examples.Select(e => (x.Route, e))).ToList();
        if (examples.Count > 0)
        {
            html.Append("<h2>").Append(Html.E(t["drift.examples"])).Append("</h2><table id=\"examples\">");
            foreach (var (route, e) in examples)
            {
                html.Append("<tr><td>").Append(Html.E(route)).Append("</td><td>").Append(Html.E(t["drift." + e.Kind.ToString().ToLowerInvariant()])).Append("</td><td><code>")
                    .Append(Html.E(e.SourceId)).Append("</code></td><td>").Append(Html.E(e.Detail)).Append("</td></tr>");
            }

            html.Append("</table>");
        }

        if (!report.Whole && !report.Repaired)
        {
            html.Append("<form method=\"post\" action=\"").Append(r.Url("reconcile")).Append("\">").Append(r.TokenInput())
                .Append("<input type=\"hidden\" name=\"source\" value=\"").Append(Html.E($"{report.System}/{report.Entity}")).Append("\"><input type=\"hidden\" name=\"repair\" value=\"true\">")
                .Append("<button class=\"primary\" type=\"submit\" id=\"repair\">").Append(Html.E(t["reconcile.repairButton"])).Append("</button></form>");
        }

        return html.Append("</div>").ToString();
    }
}
