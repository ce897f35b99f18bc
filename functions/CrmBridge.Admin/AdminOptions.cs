using System.ComponentModel.DataAnnotations;

namespace CrmBridge.Admin;

/// <summary>The admin page (section <c>Admin</c>; docs/admin.md). Secrets (the key) come from configuration, never from committed settings.</summary>
public sealed class AdminOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Admin";

    /// <summary>
    /// Gets or sets the admin key the standalone host's sign-in form asks for (at least 16 characters; set it as
    /// <c>CRMBRIDGE_Admin__Key</c>). Required on the standalone host unless <see cref="Oidc"/> is configured.
    /// </summary>
    /// <value>No default.</value>
    [MinLength(16, ErrorMessage = "Admin:Key must be at least 16 characters (set CRMBRIDGE_Admin__Key to a long random value).")]
    public string? Key { get; set; }

    /// <summary>Gets or sets how long a sign-in lasts.</summary>
    /// <value>8 hours.</value>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00", ErrorMessage = "Admin:SessionLifetime must be between 5 minutes and 7 days.")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// Gets or sets the time zone (IANA or Windows id) times are shown in when the browser does not say its own
    /// (the page reads the browser's zone into a cookie).
    /// </summary>
    /// <value><c>UTC</c>.</value>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Gets or sets the Functions app's Easy Auth settings.</summary>
    public EasyAuthOptions EasyAuth { get; set; } = new();

    /// <summary>Gets or sets the standalone host's optional OpenID Connect sign-in (Entra ID or any OIDC provider).</summary>
    public AdminOidcOptions Oidc { get; set; } = new();

    /// <summary>Gets or sets how many audit entries are kept (older ones are deleted as new ones are written).</summary>
    /// <value>500.</value>
    [Range(10, 10_000)]
    public int AuditEntries { get; set; } = 500;
}
