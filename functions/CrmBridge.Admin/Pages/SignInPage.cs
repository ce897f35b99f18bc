using System.Text;
using System.Text.RegularExpressions;
using CrmBridge.Admin.Http;
using CrmBridge.Admin.Security;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Admin.Pages;

/// <summary>The standalone host's sign-in with the admin key (and the admin's name for the audit log), and sign-out.</summary>
internal sealed partial class SignInPage(AdminKeyAuthenticator keys, ILogger<SignInPage> logger)
{
    public Task ShowAsync(AdminRequest r, bool failed = false)
    {
        var t = r.T;
        var html = new StringBuilder("<form class=\"signin\" method=\"post\" action=\"").Append(r.Url("signin")).Append("\">").Append(r.TokenInput())
            .Append("<h1>").Append(Html.E(t["signin.title"])).Append("</h1>");
        if (failed)
        {
            html.Append("<div class=\"error\" id=\"refused\">").Append(Html.E(t["signin.failed"])).Append("</div>");
        }

        html.Append("<input type=\"hidden\" name=\"back\" value=\"").Append(Html.E(Back(r.Query("back")))).Append("\">")
            .Append("<label for=\"name\">").Append(Html.E(t["signin.name"])).Append("</label><input type=\"text\" id=\"name\" name=\"name\" maxlength=\"100\" required autocomplete=\"username\">")
            .Append("<label for=\"key\">").Append(Html.E(t["signin.key"])).Append("</label><input type=\"password\" id=\"key\" name=\"key\" required autocomplete=\"current-password\">")
            .Append("<button class=\"primary\" type=\"submit\" id=\"signin\">").Append(Html.E(t["signin.submit"])).Append("</button></form>");
        return AdminResponses.PageAsync(r, t["signin.title"], html.ToString(), failed ? 401 : 200);
    }

    public async Task SubmitAsync(AdminRequest r)
    {
        var form = await r.Context.Request.ReadFormAsync(r.Aborted).ConfigureAwait(false);
        var name = form["name"].ToString().Trim();
        var remote = r.Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (name.Length is 0 or > 100 || !keys.Matches(form["key"].ToString()))
        {
            AdminLog.SignInRefused(logger, remote, name.Length == 0 ? "no name" : "wrong key");
            await Task.Delay(TimeSpan.FromMilliseconds(500), r.Aborted).ConfigureAwait(false); // slows guessing
            await ShowAsync(r, failed: true).ConfigureAwait(false);
            return;
        }

        keys.SignIn(r.Context, name);
        AdminLog.SignedIn(logger, "key");
        await AdminResponses.RedirectAsync(r.Context, r.Url(Back(form["back"].ToString()))).ConfigureAwait(false);
    }

    public static Task SignOutAsync(AdminRequest r)
    {
        AdminKeyAuthenticator.SignOut(r.Context);
        return AdminResponses.RedirectAsync(r.Context, r.Url("signin"));
    }

    /// <summary>Only a path below the page (no scheme, host or leading slash): an open redirect is refused.</summary>
    public static string Back(string? back) => back is not null && SafeBack().IsMatch(back) && !back.Contains("//", StringComparison.Ordinal) ? back : "";

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9/_\-\.\?=&%]*$")]
    private static partial Regex SafeBack();
}
