using Microsoft.AspNetCore.Http;

namespace CrmBridge.Admin.Http;

/// <summary>The page's static files, embedded in the assembly (htmx with its licence notice, the stylesheet, admin.js): no CDN.</summary>
internal static class AdminAssets
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        ["htmx.min.js"] = "text/javascript; charset=utf-8",
        ["htmx.LICENSE"] = "text/plain; charset=utf-8",
        ["admin.js"] = "text/javascript; charset=utf-8",
        ["admin.css"] = "text/css; charset=utf-8",
    };

    /// <summary>Writes an asset, or answers 404.</summary>
    /// <param name="context">The request.</param>
    /// <param name="name">The file name.</param>
    /// <returns>A task that completes when written.</returns>
    public static async Task WriteAsync(HttpContext context, string name)
    {
        if (!Types.TryGetValue(name, out var type) || typeof(AdminAssets).Assembly.GetManifestResourceStream("CrmBridge.Admin.Assets." + name) is not { } stream)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await using (stream.ConfigureAwait(false))
        {
            context.Response.ContentType = type;
            context.Response.Headers.CacheControl = "public, max-age=3600";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            await stream.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
