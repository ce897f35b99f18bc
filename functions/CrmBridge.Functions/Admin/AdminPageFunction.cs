using CrmBridge.Admin.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CrmBridge.Functions.Admin;

/// <summary>
/// GET/POST /api/crmbridge/ui/{*path}: the admin page (docs/admin.md), the same dispatcher the standalone host serves.
/// Anonymous at the Functions level on purpose: App Service Authentication (Easy Auth) signs admins in with Entra ID and
/// the page requires the configured app role; a function key would have to travel in the URL. (Routes under
/// <c>admin/</c> are reserved by the Functions host, hence <c>crmbridge/ui</c>.)
/// </summary>
/// <param name="dispatcher">The admin page.</param>
public sealed class AdminPageFunction(AdminDispatcher dispatcher)
{
    /// <summary>Serves the page.</summary>
    /// <param name="request">The request (ASP.NET Core integration: the real HttpContext).</param>
    /// <param name="path">The path below the page.</param>
    /// <returns>Nothing more: the dispatcher has written the response.</returns>
    [Function("AdminPage")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "crmbridge/ui/{*path}")] HttpRequest request,
        string? path)
    {
        ArgumentNullException.ThrowIfNull(request);
        path ??= "";
        var full = (request.PathBase + request.Path).Value ?? "";
        var basePath = path.Length > 0 && full.EndsWith(path, StringComparison.Ordinal) ? full[..^path.Length] : full;
        await dispatcher.HandleAsync(request.HttpContext, basePath.EndsWith('/') ? basePath : basePath + "/", path).ConfigureAwait(false);
        return new EmptyResult();
    }
}
