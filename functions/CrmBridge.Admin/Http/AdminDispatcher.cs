using System.Security.Claims;
using CrmBridge.Admin.Pages;
using CrmBridge.Admin.Security;
using CrmBridge.Admin.Texts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Admin.Http;

/// <summary>
/// The one entry point both hosts call with their <see cref="HttpContext"/>: serves the assets, checks the sign-in
/// (the host's <see cref="IAdminAuthenticator"/>), checks the anti-forgery token of every POST, and routes to the pages.
/// </summary>
public sealed class AdminDispatcher
{
    private readonly IAdminAuthenticator _auth;
    private readonly IAntiforgery _antiforgery;
    private readonly AdminPages _pages;
    private readonly AdminOptions _options;
    private readonly ILogger<AdminDispatcher> _logger;

    internal AdminDispatcher(IAdminAuthenticator auth, IAntiforgery antiforgery, AdminPages pages, IOptions<AdminOptions> options, ILogger<AdminDispatcher> logger)
    {
        _auth = auth;
        _antiforgery = antiforgery;
        _pages = pages;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Handles one request to the admin page.</summary>
    /// <param name="context">The request.</param>
    /// <param name="basePath">Where the page is mounted, ending in <c>/</c>.</param>
    /// <param name="path">The path below it, without a leading slash.</param>
    /// <returns>A task that completes when answered.</returns>
    public async Task HandleAsync(HttpContext context, string basePath, string path)
    {
        ArgumentNullException.ThrowIfNull(context);
        path = (path ?? "").Trim('/');
        var method = context.Request.Method;
        if (path.StartsWith("assets/", StringComparison.Ordinal) && HttpMethods.IsGet(method))
        {
            await AdminAssets.WriteAsync(context, path["assets/".Length..]).ConfigureAwait(false);
            return;
        }

        var texts = AdminTexts.For(AdminCulture.Language(context.Request));
        var zone = AdminCulture.Zone(context.Request, _options.TimeZone);
        var signIn = path is "signin" && _auth.HasSignInForm;
        var auth = signIn ? AuthResult.Allowed(new AdminUser("", "")) : _auth.Authenticate(context);
        if (auth.User is null)
        {
            await RefuseAsync(context, basePath, path, texts, zone, auth).ConfigureAwait(false);
            return;
        }

        var user = signIn ? null : auth.User;
        context.User = user is null ? new ClaimsPrincipal(new ClaimsIdentity())
            : new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Name), new Claim(ClaimTypes.NameIdentifier, user.Method + ":" + user.Name)], "crmbridge-admin"));
        if (HttpMethods.IsPost(method) && !await _antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
        {
            AdminLog.Refused(_logger, "missing or stale anti-forgery token", method, path.Split('/')[0]);
            var stale = new AdminRequest(context, basePath, path, user, texts, zone, _antiforgery.GetAndStoreTokens(context).RequestToken ?? "");
            await AdminResponses.PageAsync(stale, texts["error.title"], $"<div class=\"error\" id=\"refused\">{Html.E(texts["error.antiforgery"])}</div>", StatusCodes.Status400BadRequest).ConfigureAwait(false);
            return;
        }

        var r = new AdminRequest(context, basePath, path, user, texts, zone, _antiforgery.GetAndStoreTokens(context).RequestToken ?? "");
        try
        {
            if (!await _pages.RouteAsync(r).ConfigureAwait(false))
            {
                await AdminResponses.PageAsync(r, texts["error.title"], $"<div class=\"error\">{Html.E(texts["error.notfound"])}</div>", StatusCodes.Status404NotFound).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !context.Response.HasStarted)
        {
            // Host boundary: one line for the admin, the details in the log.
            AdminLog.PageFailed(_logger, ex, path.Split('/')[0]);
            await AdminResponses.PageAsync(r, texts["error.title"], $"<div class=\"error\">{Html.E(texts["error.failed"])} ({Html.E(ex.GetType().Name)}: {Html.E(ex.Message)})</div>", StatusCodes.Status500InternalServerError).ConfigureAwait(false);
        }
    }

    private async Task RefuseAsync(HttpContext context, string basePath, string path, AdminTexts texts, TimeZoneInfo zone, AuthResult auth)
    {
        AdminLog.Refused(_logger, auth.Reason, context.Request.Method, path.Split('/')[0]);
        if (auth.Status == StatusCodes.Status401Unauthorized && HttpMethods.IsGet(context.Request.Method)
            && await _auth.ChallengeAsync(context, basePath, path + context.Request.QueryString).ConfigureAwait(false))
        {
            return;
        }

        context.User = new ClaimsPrincipal(new ClaimsIdentity());
        var r = new AdminRequest(context, basePath, path, null, texts, zone, "");
        var title = auth.Status == StatusCodes.Status403Forbidden ? texts["refused.forbidden"] : texts["refused.title"];
        var hint = _auth.HasSignInForm ? $"<p><a href=\"{r.Url("signin")}\">{Html.E(texts["signin.title"])}</a></p>"
            : _auth is EasyAuthAuthenticator ? $"<p><a href=\"/.auth/login/aad?post_login_redirect_uri={Html.Q(basePath)}\">{Html.E(texts["refused.easyauth"])}</a></p>" : "";
        await AdminResponses.PageAsync(r, title, $"<h1>{Html.E(title)}</h1><div class=\"error\" id=\"refused\">{Html.E(auth.Reason)}</div>{hint}", auth.Status).ConfigureAwait(false);
    }
}
