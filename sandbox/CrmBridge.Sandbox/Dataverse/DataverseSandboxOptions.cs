using System.ComponentModel.DataAnnotations;

namespace CrmBridge.Sandbox.Dataverse;

/// <summary>Options of the Dataverse emulator.</summary>
public sealed class DataverseSandboxOptions
{
    /// <summary>Gets or sets the client id the token endpoint accepts.</summary>
    /// <value>Default <c>sandbox-client</c>.</value>
    public string ClientId { get; set; } = "sandbox-client";

    /// <summary>Gets or sets the client secret the token endpoint accepts (a test value, not a real secret).</summary>
    /// <value>Default <c>sandbox-secret</c>.</value>
    public string ClientSecret { get; set; } = "sandbox-secret";

    /// <summary>Gets or sets how long issued access tokens live.</summary>
    /// <value>Default 1 h.</value>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets how long a delta token stays usable.</summary>
    /// <value>Default 7 days (Dataverse's default).</value>
    public TimeSpan DeltaTokenLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Gets or sets the page size when the client sends no <c>odata.maxpagesize</c>.</summary>
    /// <value>Default 5000.</value>
    [Range(1, 5000)]
    public int DefaultPageSize { get; set; } = 5000;

    /// <summary>Gets or sets the requests allowed per <see cref="ThrottleWindow"/> before 429 (0 = unlimited).</summary>
    /// <value>Default 0 (Dataverse: 6000 per 5 minutes per user).</value>
    public int RequestsPerWindow { get; set; }

    /// <summary>Gets or sets the service-protection window.</summary>
    /// <value>Default 5 min.</value>
    public TimeSpan ThrottleWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the concurrent requests allowed before 429 (0 = unlimited).</summary>
    /// <value>Default 52 (Dataverse's limit).</value>
    public int MaxConcurrentRequests { get; set; } = 52;

    /// <summary>Gets or sets an artificial delay per API request, to make concurrency observable.</summary>
    /// <value>Default zero.</value>
    public TimeSpan RequestDelay { get; set; }

    /// <summary>Gets or sets the webhook URL that receives a RemoteExecutionContext per create/update/delete.</summary>
    /// <value>Default none (no delivery).</value>
    public Uri? WebhookUrl { get; set; }

    /// <summary>Gets or sets the webhook key sent as <c>?code=</c> (WebhookKey authentication).</summary>
    /// <value>Default none.</value>
    public string? WebhookKey { get; set; }

    /// <summary>Gets or sets the systemuserid of the application user that API calls run as.</summary>
    /// <value>Default a fixed GUID.</value>
    public Guid ApplicationUserId { get; set; } = new("5e1f8a40-0b6c-4d7e-9a51-3c2b1d0e9f01");

    /// <summary>
    /// Gets the privileges the application user lacks, e.g. <c>prvCreateAttribute</c> or <c>prvCreateSdkMessageProcessingStep</c>:
    /// requests needing one answer 403 <c>0x80040220</c> "Principal user … is missing … privilege", as Dataverse does.
    /// Checked for the metadata API and the registration tables (serviceendpoint, sdkmessageprocessingstep, …image).
    /// </summary>
    /// <value>Default empty.</value>
    public ISet<string> DeniedPrivileges { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the systemuserid that in-process seeding acts as (a human user).</summary>
    /// <value>Default a fixed GUID.</value>
    public Guid SeedUserId { get; set; } = new("a7c3e2d1-4b5a-4f6e-8d7c-9b0a1e2f3d04");

    /// <summary>Gets or sets the tables; <see langword="null"/> = <see cref="DataverseSchemas.Default"/>.</summary>
    /// <value>Default the standard tables.</value>
    public IReadOnlyList<DataverseTableSchema>? Tables { get; set; }

    /// <summary>Gets or sets the clock (token and delta token expiry, modifiedon).</summary>
    /// <value>Default the system clock.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets a fixed loopback port, or 0 for a free one (<c>crmbridge sandbox --port-base</c>).</summary>
    /// <value>Default 0.</value>
    public int Port { get; set; }
}
