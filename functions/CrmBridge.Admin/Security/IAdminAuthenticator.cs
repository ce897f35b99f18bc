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

    /// <summary>Where to send someone who is not signed in, or <see langword="null"/> to show the refusal page.</summary>
    /// <param name="context">The request.</param>
    /// <param name="basePath">The page's base path.</param>
    /// <returns>The sign-in address.</returns>
    string? SignInUrl(HttpContext context, string basePath);
}
