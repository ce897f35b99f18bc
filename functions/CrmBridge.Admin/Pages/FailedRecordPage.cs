using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CrmBridge.Admin.Audit;
using CrmBridge.Admin.Http;
using CrmBridge.Connectors;
using CrmBridge.Pipeline;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Admin.Pages;

/// <summary>One failed record: the reason in plain words, the source record as the source has it now, the attempt history, replay and dismiss, and its audit entries.</summary>
internal sealed class FailedRecordPage(DeadLetterService deadLetters, ConnectorRegistry connectors, AdminAuditLog audit)
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task ShowAsync(AdminRequest r, string id)
    {
        var t = r.T;
        var letter = await deadLetters.GetAsync(id, r.Aborted).ConfigureAwait(false);
        if (letter is null)
        {
            await AdminResponses.PageAsync(r, t["error.title"], $"<div class=\"error\">{Html.E(t["error.notfound"])}</div>", 404).ConfigureAwait(false);
            return;
        }

        var e = letter.Envelope;
        var html = new StringBuilder();
        html.Append("<h1>").Append(Html.E(t["record.title"])).Append(' ').Append(Html.E($"{e.System}/{e.Entity}/{e.RecordId}")).Append("</h1>");
        html.Append("<table id=\"details\">");
        Row(html, t["col.status"], $"<span id=\"status\" class=\"{(letter.Status == DeadLetterStatus.Open ? "bad" : "ok")}\">{Html.E(t["status." + letter.Status])}</span>");
        Row(html, t["col.route"], Html.E(letter.Route ?? "–"));
        Row(html, t["col.code"], $"<code>{Html.E(letter.ErrorCode)}</code>");
        Row(html, t["col.reason"], $"<strong id=\"plain-reason\">{Html.E(PlainReason.For(letter, t))}</strong><br><span id=\"reason\">{Html.E(letter.Reason)}</span>");
        Row(html, t["col.failedAt"], Html.E(r.Time(letter.FailedAt)));
        Row(html, t["col.occurrences"], letter.Occurrences.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Row(html, t["col.correlation"], $"<code>{Html.E(e.CorrelationId)}</code>");
        html.Append("</table>");

        if (letter.Status == DeadLetterStatus.Open)
        {
            Actions(html, r, letter);
        }

        html.Append("<h2>").Append(Html.E(t["record.attempts"])).Append("</h2><table id=\"attempts\"><tr><th>").Append(Html.E(t["col.at"])).Append("</th><th>")
            .Append(Html.E(t["col.code"])).Append("</th><th>").Append(Html.E(t["col.message"])).Append("</th></tr>");
        foreach (var attempt in letter.Attempts)
        {
            html.Append("<tr><td>").Append(Html.E(r.Time(attempt.At))).Append("</td><td><code>").Append(Html.E(attempt.ErrorCode)).Append("</code></td><td>").Append(Html.E(attempt.Message)).Append("</td></tr>");
        }

        html.Append("</table><h2>").Append(Html.E(t["record.source"])).Append("</h2>").Append(await SourceAsync(r, letter).ConfigureAwait(false));
        var entries = await audit.ListAsync(letter.Id, r.Aborted).ConfigureAwait(false);
        html.Append("<h2>").Append(Html.E(t["nav.audit"])).Append("</h2>").Append(AuditPage.Table(r, entries));
        await AdminResponses.PageAsync(r, t["record.title"], html.ToString()).ConfigureAwait(false);
    }

    private static void Row(StringBuilder html, string label, string value) =>
        html.Append("<tr><th>").Append(Html.E(label)).Append("</th><td>").Append(value).Append("</td></tr>");

    private static void Actions(StringBuilder html, AdminRequest r, DeadLetter letter)
    {
        var t = r.T;
        var path = "failed/" + Uri.EscapeDataString(letter.Id);
        html.Append("<div class=\"cards\">");
        if (letter.ErrorCode != DeadLetterCodes.RejectedInput)
        {
            html.Append("<form class=\"card\" method=\"post\" action=\"").Append(r.Url(path + "/replay")).Append("\">").Append(r.TokenInput())
                .Append("<p class=\"muted\">").Append(Html.E(t["record.replayHint"])).Append("</p><button class=\"primary\" id=\"replay\" type=\"submit\">").Append(Html.E(t["record.replay"])).Append("</button></form>");
        }

        html.Append("<form class=\"card\" method=\"post\" action=\"").Append(r.Url(path + "/dismiss")).Append("\">").Append(r.TokenInput())
            .Append("<label for=\"note\">").Append(Html.E(t["record.note"])).Append("</label><textarea id=\"note\" name=\"note\" rows=\"2\" maxlength=\"2000\" required></textarea><br>")
            .Append("<button class=\"secondary\" id=\"dismiss\" type=\"submit\">").Append(Html.E(t["record.dismiss"])).Append("</button></form></div>");
    }

    private async Task<string> SourceAsync(AdminRequest r, DeadLetter letter)
    {
        var e = letter.Envelope;
        if (e.Snapshot is { } kept)
        {
            // Rejected input and unreadable poison messages keep the body that arrived (there is no record to read).
            return $"<p class=\"muted\">{Html.E(r.T["record.kept"])}</p><pre id=\"source\">{Html.E(kept.ToJsonString(Pretty))}</pre>";
        }

        if (!connectors.TryGet(e.System, out var connector))
        {
            return $"<p class=\"muted\">{Html.E(r.T["record.noConnector"])}</p>";
        }

        try
        {
            var record = await connector.GetAsync(e.Entity, e.RecordId, r.Aborted).ConfigureAwait(false);
            return record is null
                ? $"<p class=\"warn\">{Html.E(r.T["record.gone"])}</p>"
                : $"<p class=\"muted\">{Html.E(r.T["record.live"])}</p><pre id=\"source\">{Html.E(record.Data.ToJsonString(Pretty))}</pre>";
        }
        catch (ConnectorException ex)
        {
            return $"<p class=\"bad\">{Html.E(r.T["record.readFailed"])} {Html.E(ex.ErrorCode)}: {Html.E(ex.Message)}</p>";
        }
    }
}
