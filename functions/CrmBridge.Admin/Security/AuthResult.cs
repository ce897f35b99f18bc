namespace CrmBridge.Admin.Security;

/// <summary>The outcome of checking a request's sign-in.</summary>
/// <param name="User">The admin, or <see langword="null"/> when refused.</param>
/// <param name="Status">The HTTP status of a refusal (401 not signed in, 403 signed in without the role, 503 sign-in not configured).</param>
/// <param name="Reason">Why, in one line (for the page and the log; never a secret).</param>
internal sealed record AuthResult(AdminUser? User, int Status, string Reason)
{
    public static AuthResult Allowed(AdminUser user) => new(user, 200, "");

    public static AuthResult Refused(int status, string reason) => new(null, status, reason);
}
