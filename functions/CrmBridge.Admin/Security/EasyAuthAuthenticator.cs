using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CrmBridge.Admin.Security;

/// <summary>
/// The Functions app's sign-in: App Service Authentication (Easy Auth) signs the admin in with Entra ID and forwards the
/// principal as base64 JSON in <c>X-MS-CLIENT-PRINCIPAL</c>; the admin must hold the configured app role. The header is
/// trusted only when <see cref="EasyAuthOptions.Enabled"/> says Easy Auth is on (it strips the header from callers).
/// </summary>
internal sealed class EasyAuthAuthenticator(IOptions<AdminOptions> options) : IAdminAuthenticator
{
    /// <summary>The header Easy Auth sets.</summary>
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";

    private readonly EasyAuthOptions _options = options.Value.EasyAuth;

    public bool HasSignInForm => false;

    public AuthResult Authenticate(HttpContext context)
    {
        if (!_options.Enabled)
        {
            return AuthResult.Refused(StatusCodes.Status503ServiceUnavailable,
                "Easy Auth is not enabled for this app (Admin:EasyAuth:Enabled): the admin page stays closed until it is (see docs/admin.md).");
        }

        var header = context.Request.Headers[PrincipalHeader].ToString();
        if (header.Length == 0)
        {
            return AuthResult.Refused(StatusCodes.Status401Unauthorized, "not signed in (no Easy Auth principal)");
        }

        var principal = Parse(header);
        if (principal is null)
        {
            return AuthResult.Refused(StatusCodes.Status401Unauthorized, "the Easy Auth principal is not readable");
        }

        var (name, roles) = principal.Value;
        return roles.Contains(_options.RequiredRole, StringComparer.Ordinal)
            ? AuthResult.Allowed(new AdminUser(name, "easyauth"))
            : AuthResult.Refused(StatusCodes.Status403Forbidden, $"signed in without the app role '{_options.RequiredRole}': assign it in Entra ID (Enterprise applications → Users and groups)");
    }

    public Task<bool> ChallengeAsync(HttpContext context, string basePath, string back) => Task.FromResult(false);

    /// <summary>Reads the principal's name and roles.</summary>
    /// <param name="header">The header value (base64 of JSON).</param>
    /// <returns>The name and roles, or <see langword="null"/> when unreadable.</returns>
    internal static (string Name, IReadOnlyList<string> Roles)? Parse(string header)
    {
        try
        {
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header)));
            var root = json.RootElement;
            var nameType = root.TryGetProperty("name_typ", out var n) ? n.GetString() : null;
            var roleType = root.TryGetProperty("role_typ", out var r) ? r.GetString() : null;
            var claims = root.GetProperty("claims").EnumerateArray()
                .Select(c => (Type: c.GetProperty("typ").GetString() ?? "", Value: c.GetProperty("val").GetString() ?? "")).ToList();
            var name = claims.FirstOrDefault(c => c.Type == nameType).Value
                ?? claims.FirstOrDefault(c => c.Type is "preferred_username" or "name").Value ?? "unknown";
            var roles = claims.Where(c => c.Type == (roleType ?? "roles") || c.Type == "roles").Select(c => c.Value).ToList();
            return (name, roles);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
