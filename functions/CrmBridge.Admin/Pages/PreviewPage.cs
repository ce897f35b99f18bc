using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBridge.Admin.Http;
using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Admin.Pages;

/// <summary>
/// Mapping preview (the <c>mapping test</c> dry-run in the browser): pick a loaded mapping, paste a source record or
/// fetch one by id from its system, and see the mapped document, the filter that excludes it, or every error with its rule.
/// Nothing is written anywhere.
/// </summary>
internal sealed class PreviewPage(IRecordMapper mapper, ConnectorRegistry connectors, ISyncStateStore store)
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public Task ShowAsync(AdminRequest r) => RenderAsync(r, r.Query("route"), "", "", "");

    public async Task SubmitAsync(AdminRequest r)
    {
        var t = r.T;
        var form = await r.Context.Request.ReadFormAsync(r.Aborted).ConfigureAwait(false);
        var (name, json, id) = (form["route"].ToString(), form["record"].ToString(), form["id"].ToString().Trim());
        if (mapper.Routes.FirstOrDefault(x => x.Name == name) is not { } route)
        {
            await RenderAsync(r, name, json, id, Error(t["preview.pickRoute"])).ConfigureAwait(false);
            return;
        }

        JsonObject? record;
        if (id.Length > 0)
        {
            if (!connectors.TryGet(route.SourceSystem, out var connector))
            {
                await RenderAsync(r, name, json, id, Error(t["record.noConnector"])).ConfigureAwait(false);
                return;
            }

            try
            {
                record = (await connector.GetAsync(route.SourceEntity, id, r.Aborted).ConfigureAwait(false))?.Data;
            }
            catch (ConnectorException ex)
            {
                await RenderAsync(r, name, json, id, Error($"{t["record.readFailed"]} {ex.ErrorCode}: {ex.Message}")).ConfigureAwait(false);
                return;
            }

            if (record is null)
            {
                await RenderAsync(r, name, json, id, Error(string.Format(System.Globalization.CultureInfo.InvariantCulture, t["preview.notFound"], route.SourceSystem, route.SourceEntity))).ConfigureAwait(false);
                return;
            }

            json = record.ToJsonString(Pretty);
        }
        else
        {
            try
            {
                record = JsonNode.Parse(json) as JsonObject;
            }
            catch (JsonException ex)
            {
                await RenderAsync(r, name, json, id, Error($"{t["preview.badJson"]} {ex.Message}")).ConfigureAwait(false);
                return;
            }

            if (record is null)
            {
                await RenderAsync(r, name, json, id, Error(t["preview.badJson"])).ConfigureAwait(false);
                return;
            }
        }

        var lookups = new PreviewLookups(route);
        var result = mapper.Map(route, record, lookups);
        if (result.MissingLookups.Count > 0 && await lookups.LoadAsync(result.MissingLookups, store, r.Aborted).ConfigureAwait(false))
        {
            result = mapper.Map(route, record, lookups);
        }

        await RenderAsync(r, name, json, id, Result(t, result)).ConfigureAwait(false);
    }

    private static string Error(string text) => $"<div class=\"error\" id=\"preview-error\">{Html.E(text)}</div>";

    private static string Result(Texts.AdminTexts t, MapResult result)
    {
        var html = new StringBuilder("<h2>").Append(Html.E(t["preview.result"])).Append("</h2>");
        switch (result.Status)
        {
            case MapStatus.Mapped:
                return html.Append("<p class=\"ok\" id=\"preview-status\">").Append(Html.E(t["preview.mapped"])).Append("</p><pre id=\"preview-document\">")
                    .Append(Html.E(result.Document!.ToJsonString(Pretty))).Append("</pre>").ToString();
            case MapStatus.Filtered:
                return html.Append("<p class=\"warn\" id=\"preview-status\">").Append(Html.E(t["preview.filtered"])).Append(' ').Append(Html.E(result.FilterReason)).Append("</p>").ToString();
        }

        html.Append("<p class=\"bad\" id=\"preview-status\">").Append(Html.E(string.Format(System.Globalization.CultureInfo.InvariantCulture, t["preview.failed"], result.Errors.Count, result.MissingLookups.Count)))
            .Append("</p><table id=\"preview-errors\"><tr><th>").Append(Html.E(t["col.rule"])).Append("</th><th>").Append(Html.E(t["col.sourcePath"])).Append("</th><th>")
            .Append(Html.E(t["col.code"])).Append("</th><th>").Append(Html.E(t["col.message"])).Append("</th></tr>");
        foreach (var e in result.Errors)
        {
            html.Append("<tr><td><code>").Append(Html.E(e.Field)).Append("</code></td><td><code>").Append(Html.E(e.SourcePath ?? "–")).Append("</code></td><td><code>")
                .Append(Html.E(e.Code)).Append("</code></td><td>").Append(Html.E(e.Message)).Append("</td></tr>");
        }

        foreach (var m in result.MissingLookups)
        {
            html.Append("<tr><td><code>").Append(Html.E(m.Field)).Append("</code></td><td><code>").Append(Html.E(m.Lookup)).Append("</code></td><td><code>MISSING_LOOKUP</code></td><td>")
                .Append(Html.E(string.Format(System.Globalization.CultureInfo.InvariantCulture, t["preview.missingLookup"], m.SourceId))).Append("</td></tr>");
        }

        return html.Append("</table>").ToString();
    }

    private Task RenderAsync(AdminRequest r, string? selected, string json, string id, string result)
    {
        var t = r.T;
        var html = new StringBuilder("<h1>").Append(Html.E(t["preview.title"])).Append("</h1><p class=\"muted\">").Append(Html.E(t["preview.hint"])).Append("</p>")
            .Append("<form method=\"post\" action=\"").Append(r.Url("preview")).Append("\">").Append(r.TokenInput())
            .Append("<label for=\"route\">").Append(Html.E(t["preview.mapping"])).Append("</label><select id=\"route\" name=\"route\">");
        foreach (var route in mapper.Routes.OrderBy(x => x.Name, StringComparer.Ordinal))
        {
            html.Append("<option value=\"").Append(Html.E(route.Name)).Append('"').Append(route.Name == selected ? " selected" : "").Append('>')
                .Append(Html.E($"{route.Name} ({route.SourceSystem}/{route.SourceEntity} → {route.TargetSystem}/{route.TargetEntity})")).Append("</option>");
        }

        html.Append("</select><p><label for=\"id\">").Append(Html.E(t["preview.fetchById"])).Append("</label><input type=\"text\" id=\"id\" name=\"id\" size=\"40\" value=\"").Append(Html.E(id)).Append("\"></p>")
            .Append("<p><label for=\"record\">").Append(Html.E(t["preview.paste"])).Append("</label><textarea id=\"record\" name=\"record\" rows=\"10\">").Append(Html.E(json)).Append("</textarea></p>")
            .Append("<button class=\"primary\" type=\"submit\" id=\"preview\">").Append(Html.E(t["preview.run"])).Append("</button></form>").Append(result);
        return AdminResponses.PageAsync(r, t["preview.title"], html.ToString());
    }
}
