using System.Text;

namespace CrmBridge.Admin.Http;

/// <summary>The frame around every page: navigation, who is signed in, the language toggle, sign-out.</summary>
internal static class AdminLayout
{
    private static readonly (string Path, string Label)[] Sections =
    [
        ("", "nav.overview"), ("failed", "nav.failed"), ("preview", "nav.preview"), ("reconcile", "nav.reconcile"), ("audit", "nav.audit"),
    ];

    /// <summary>Renders a page.</summary>
    /// <param name="r">The request.</param>
    /// <param name="title">The title.</param>
    /// <param name="body">The main content.</param>
    /// <returns>The document.</returns>
    public static string Render(AdminRequest r, string title, string body)
    {
        var t = r.T;
        var html = new StringBuilder(4096);
        html.Append("<!doctype html><html lang=\"").Append(t.Language == "zh" ? "zh-CN" : "en").Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Html.E(title)).Append(" · CrmBridge</title>")
            .Append("<link rel=\"stylesheet\" href=\"").Append(r.Url("assets/admin.css")).Append("\">")
            .Append("<script src=\"").Append(r.Url("assets/htmx.min.js")).Append("\"></script>")
            .Append("<script src=\"").Append(r.Url("assets/admin.js")).Append("\" defer></script></head>")
            .Append("<body data-zone=\"").Append(Html.E(r.Zone.Id)).Append("\"><header><span class=\"brand\">CrmBridge</span>");
        if (r.User is not null)
        {
            html.Append("<nav>");
            var section = r.Path.Split('/')[0];
            foreach (var (path, label) in Sections)
            {
                html.Append("<a href=\"").Append(r.Url(path)).Append('"').Append(section == path ? " class=\"current\"" : "").Append('>').Append(Html.E(t[label])).Append("</a>");
            }

            html.Append("</nav>");
        }

        html.Append("<span class=\"who\">");
        var other = t.Language == "zh" ? "en" : "zh";
        html.Append("<a id=\"lang-toggle\" href=\"").Append(r.Url("lang?to=" + other + "&back=" + Html.Q(r.Path))).Append("\">").Append(other == "zh" ? "中文" : "English").Append("</a>");
        if (r.User is not null)
        {
            html.Append("<span id=\"who\">").Append(Html.E(r.User.Name)).Append("</span>");
            html.Append("<form method=\"post\" action=\"").Append(r.Url("signout")).Append("\">").Append(r.TokenInput())
                .Append("<button type=\"submit\">").Append(Html.E(t["nav.signout"])).Append("</button></form>");
        }

        html.Append("</span></header><main>");
        if (r.Query("notice") is { } notice && t.Has("notice." + notice))
        {
            html.Append("<div class=\"notice\" id=\"notice\">").Append(Html.E(string.Format(System.Globalization.CultureInfo.InvariantCulture, t["notice." + notice], r.Query("n") ?? ""))).Append("</div>");
        }

        html.Append(body).Append("<p class=\"muted\" style=\"margin-top:2rem\">").Append(Html.E(t["footer.zone"])).Append(' ').Append(Html.E(r.Zone.Id)).Append("</p></main></body></html>");
        return html.ToString();
    }
}
