using CrmBridge.Admin.Http;
using CrmBridge.Admin.Security;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Admin.Pages;

/// <summary>Routes a signed-in (or signing-in) request to its page; the dispatcher has checked sign-in and anti-forgery already.</summary>
internal sealed class AdminPages(
    OverviewPage overview,
    FailedListPage failed,
    FailedRecordPage record,
    FailedActions actions,
    PreviewPage preview,
    ReconcilePage reconcile,
    AuditPage audit,
    SignInPage signIn,
    IAdminAuthenticator auth)
{
    /// <summary>Answers the request.</summary>
    /// <param name="r">The request.</param>
    /// <returns><see langword="false"/> when no page matches.</returns>
    public async Task<bool> RouteAsync(AdminRequest r)
    {
        var get = HttpMethods.IsGet(r.Context.Request.Method);
        var post = HttpMethods.IsPost(r.Context.Request.Method);
        var parts = r.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var task = (parts, get, post) switch
        {
            ([], true, _) or (["overview"], true, _) => overview.ShowAsync(r),
            (["signin"], true, _) when auth.HasSignInForm => signIn.ShowAsync(r),
            (["signin"], _, true) when auth.HasSignInForm => signIn.SubmitAsync(r),
            (["signout"], _, true) => SignInPage.SignOutAsync(r),
            (["lang"], true, _) => LanguageAsync(r),
            (["failed"], true, _) => failed.ShowAsync(r),
            (["failed", "replay"], _, true) => actions.ReplayManyAsync(r),
            (["failed", var id], true, _) => record.ShowAsync(r, Uri.UnescapeDataString(id)),
            (["failed", var id, "replay"], _, true) => actions.ReplayOneAsync(r, Uri.UnescapeDataString(id)),
            (["failed", var id, "dismiss"], _, true) => actions.DismissAsync(r, Uri.UnescapeDataString(id)),
            (["preview"], true, _) => preview.ShowAsync(r),
            (["preview"], _, true) => preview.SubmitAsync(r),
            (["reconcile"], true, _) => reconcile.ShowAsync(r),
            (["reconcile"], _, true) => reconcile.StartAsync(r),
            (["reconcile", var job], true, _) => reconcile.ShowJobAsync(r, job, fragment: false),
            (["reconcile", var job, "progress"], true, _) => reconcile.ShowJobAsync(r, job, fragment: true),
            (["audit"], true, _) => audit.ShowAsync(r),
            _ => null,
        };
        if (task is null)
        {
            return false;
        }

        await task.ConfigureAwait(false);
        return true;
    }

    /// <summary>The language toggle: a preference cookie (no server state), then back to the page.</summary>
    private static Task LanguageAsync(AdminRequest r)
    {
        var to = r.Query("to") == "zh" ? "zh" : "en";
        r.Context.Response.Cookies.Append(AdminCulture.LanguageCookie, to, new CookieOptions { Path = "/", MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = true });
        return AdminResponses.RedirectAsync(r.Context, r.Url(SignInPage.Back(r.Query("back"))));
    }
}
