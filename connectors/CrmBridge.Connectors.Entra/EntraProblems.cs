using System.Text.RegularExpressions;

namespace CrmBridge.Connectors.Entra;

/// <summary>
/// One line per refused Entra ID token request: what is wrong and what to do. The AADSTS codes are Microsoft's
/// (learn.microsoft.com/entra/identity-platform/reference-error-codes); unknown codes get the general advice.
/// </summary>
public static partial class EntraProblems
{
    /// <summary>Gets the reason code of a refused token request (<c>AADSTS7000215</c>, else the OAuth error, else <c>AUTH_FAILED</c>).</summary>
    /// <param name="message">The credential's error message.</param>
    /// <returns>The code.</returns>
    public static string Reason(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var aadsts = AadstsCode().Match(message);
        if (aadsts.Success)
        {
            return aadsts.Value;
        }

        foreach (var code in new[] { "invalid_client", "invalid_grant", "invalid_scope", "unauthorized_client" })
        {
            if (message.Contains(code, StringComparison.Ordinal))
            {
                return code;
            }
        }

        return "AUTH_FAILED";
    }

    /// <summary>Describes the refusal in one line.</summary>
    /// <param name="system">The system.</param>
    /// <param name="section">The connector's configuration section.</param>
    /// <param name="reason">The code from <see cref="Reason"/>.</param>
    /// <returns>What is wrong and what to do.</returns>
    public static string Describe(string system, string section, string reason) => reason switch
    {
        "AADSTS7000215" or "AADSTS7000222" or "invalid_client" =>
            $"{system}: Entra ID refuses the client secret ({reason}: wrong or expired): create a new secret for the app registration and set {section}:ClientSecret.",
        "AADSTS700016" =>
            $"{system}: the app (client id) is not known in this tenant ({reason}): check {section}:TenantId and ClientId, or consent to the app in that tenant.",
        "AADSTS90002" =>
            $"{system}: the tenant does not exist ({reason}): check {section}:TenantId.",
        "AADSTS500011" or "AADSTS70011" or "invalid_scope" =>
            $"{system}: the API is not a resource in this tenant ({reason}): check the environment or base URL under {section}.",
        _ => $"{system}: Entra ID refuses the token request ({reason}): check TenantId, ClientId and ClientSecret under {section}.",
    };

    [GeneratedRegex(@"AADSTS\d+", RegexOptions.CultureInvariant)]
    private static partial Regex AadstsCode();
}
