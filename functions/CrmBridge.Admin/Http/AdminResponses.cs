using System.Text;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Admin.Http;

/// <summary>Writes pages, fragments and redirects with the page's security headers.</summary>
internal static class AdminResponses
{
    /// <summary>Writes a whole page in the layout.</summary>
    /// <param name="r">The request.</param>
    /// <param name="title">The page title.</param>
    /// <param name="body">The main content.</param>
    /// <param name="status">The HTTP status.</param>
    /// <returns>A task that completes when written.</returns>
    public static Task PageAsync(AdminRequest r, string title, string body, int status = StatusCodes.Status200OK) =>
        WriteAsync(r.Context, AdminLayout.Render(r, title, body), status);

    /// <summary>Writes an HTML fragment (htmx swaps it into the page).</summary>
    /// <param name="r">The request.</param>
    /// <param name="html">The fragment.</param>
    /// <returns>A task that completes when written.</returns>
    public static Task FragmentAsync(AdminRequest r, string html) => WriteAsync(r.Context, html, StatusCodes.Status200OK);

    /// <summary>Answers a form post with 303 See Other (or an htmx redirect).</summary>
    /// <param name="context">The request.</param>
    /// <param name="location">Where to go.</param>
    /// <returns>A completed task.</returns>
    public static Task RedirectAsync(HttpContext context, string location)
    {
        Secure(context.Response);
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    }

    /// <summary>Writes HTML with the security headers.</summary>
    /// <param name="context">The request.</param>
    /// <param name="html">The markup.</param>
    /// <param name="status">The status.</param>
    /// <returns>A task that completes when written.</returns>
    public static async Task WriteAsync(HttpContext context, string html, int status)
    {
        Secure(context.Response);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(html), context.RequestAborted).ConfigureAwait(false);
    }

    private static void Secure(HttpResponse response)
    {
        // Scripts only from the page itself (htmx, admin.js); htmx adds inline styles for its indicators.
        response.Headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
    }
}
