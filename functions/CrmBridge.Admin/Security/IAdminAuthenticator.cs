using Microsoft.AspNetCore.Http;

namespace CrmBridge.Admin.Security;

/// <summary>How one host signs admins in.</summary>
internal interface IAdminAuthenticator
{
    /// <summary>Gets a value indicating whether the page shows its own sign-in form (the admin key).</summary>
    bool HasSignInForm { get; }

    /// <summary>Checks the request's sign-in.</summary>
    /// <param name="context">The request.</param>
    /// <returns>The admin, or why not.</returns>
    AuthResult Authenticate(HttpContext context);

    /// <summary>Sends someone who is not signed in to sign in (a GET), or does nothing so the refusal page is shown.</summary>
    /// <param name="context">The request.</param>
    /// <param name="basePath">The page's base path.</param>
    /// <param name="back">The page (path and query below the base) to return to afterwards.</param>
    /// <returns>Whether the request was answered (redirected).</returns>
    Task<bool> ChallengeAsync(HttpContext context, string basePath, string back);
}
