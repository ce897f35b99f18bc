using CrmBridge.Admin.Audit;
using CrmBridge.Admin.Http;
using CrmBridge.Admin.Overview;
using CrmBridge.Admin.Pages;
using CrmBridge.Admin.Reconcile;
using CrmBridge.Admin.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Admin;

/// <summary>Registers the admin page for one host (docs/admin.md).</summary>
public static class AdminServiceCollectionExtensions
{
    /// <summary>
    /// Registers the page's services (<c>Admin</c> section) with the host's sign-in: the admin key (or OIDC) on the
    /// standalone host, Easy Auth on the Functions app. The pipeline's services must be registered too.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration.</param>
    /// <param name="host">Which host serves the page.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCrmBridgeAdmin(this IServiceCollection services, IConfiguration configuration, AdminHostKind host)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.SectionName)).ValidateDataAnnotations();
        if (host == AdminHostKind.Standalone)
        {
            options.Validate(o => o.Key is { Length: > 0 } || o.Oidc.Enabled, "Admin:Key is required for --admin-port: set CRMBRIDGE_Admin__Key to a long random value (or configure Admin:Oidc), see docs/admin.md.");
        }

        options.ValidateOnStart();
        services.AddDataProtection().SetApplicationName("CrmBridge.Admin");
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "crmbridge-admin-af";
            o.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
            o.Cookie.Path = "/";
        });
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AdminKeyAuthenticator>();
        services.AddSingleton<EasyAuthAuthenticator>();
        services.AddSingleton<AdminOidcAuthenticator>();
        services.AddSingleton<IAdminAuthenticator>(sp => host == AdminHostKind.Functions ? sp.GetRequiredService<EasyAuthAuthenticator>()
            : sp.GetRequiredService<IOptions<AdminOptions>>().Value.Oidc.Enabled ? sp.GetRequiredService<AdminOidcAuthenticator>()
            : sp.GetRequiredService<AdminKeyAuthenticator>());
        services.AddSingleton<AdminAuditLog>();
        services.AddSingleton<OutcomeSeries>();
        services.AddSingleton<OutcomeSampler>();
        services.AddSingleton<ReconcileJobs>();
        services.AddSingleton<OverviewPage>();
        services.AddSingleton<FailedListPage>();
        services.AddSingleton<FailedRecordPage>();
        services.AddSingleton<FailedActions>();
        services.AddSingleton<PreviewPage>();
        services.AddSingleton<ReconcilePage>();
        services.AddSingleton<AuditPage>();
        services.AddSingleton<SignInPage>();
        services.AddSingleton<AdminPages>();
        services.AddSingleton(sp => new AdminDispatcher(
            sp.GetRequiredService<IAdminAuthenticator>(), sp.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>(), sp.GetRequiredService<AdminPages>(),
            sp.GetRequiredService<IOptions<AdminOptions>>(), sp.GetRequiredService<ILogger<AdminDispatcher>>()));
        return services;
    }
}
