namespace CrmBridge.Sandbox.BusinessCentral;

/// <summary>Options of the Business Central API v2.0 emulator.</summary>
public sealed class BusinessCentralSandboxOptions
{
    /// <summary>Gets or sets the client id the token endpoint accepts.</summary>
    /// <value>Default <c>sandbox-client</c>.</value>
    public string ClientId { get; set; } = "sandbox-client";

    /// <summary>Gets or sets the client secret the token endpoint accepts (a test value).</summary>
    /// <value>Default <c>sandbox-secret</c>.</value>
    public string ClientSecret { get; set; } = "sandbox-secret";

    /// <summary>Gets or sets how long issued access tokens live.</summary>
    /// <value>Default 1 h.</value>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets the environment name in the URL (<c>/v2.0/{environment}/api/v2.0</c>).</summary>
    /// <value>Default <c>production</c>.</value>
    public string Environment { get; set; } = "production";

    /// <summary>Gets or sets the companies; the first is where seeding goes.</summary>
    /// <value>Default <c>CRONUS USA, Inc.</c> and <c>My Company</c>.</value>
    public IReadOnlyList<string> Companies { get; set; } = ["CRONUS USA, Inc.", "My Company"];

    /// <summary>Gets or sets the OData requests allowed per <see cref="RequestWindow"/> per user before 429.</summary>
    /// <value>Default 6000 (BC online).</value>
    public int RequestsPerWindow { get; set; } = 6000;

    /// <summary>Gets or sets the sliding request window.</summary>
    /// <value>Default 5 min.</value>
    public TimeSpan RequestWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the requests processed at once per user; more wait in a queue.</summary>
    /// <value>Default 5.</value>
    public int MaxConcurrentRequests { get; set; } = 5;

    /// <summary>Gets or sets how many requests may wait in the queue before 429.</summary>
    /// <value>Default 95.</value>
    public int MaxQueuedRequests { get; set; } = 95;

    /// <summary>Gets or sets how long a queued request waits before 503.</summary>
    /// <value>Default 8 min.</value>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromMinutes(8);

    /// <summary>Gets or sets an artificial delay per API request, to make concurrency observable.</summary>
    /// <value>Default zero.</value>
    public TimeSpan RequestDelay { get; set; }

    /// <summary>Gets or sets the server page size when the client asks for none.</summary>
    /// <value>Default 20000.</value>
    public int MaxPageSize { get; set; } = 20000;

    /// <summary>Gets or sets how long after a subscription's first buffered change its notification is sent.</summary>
    /// <value>Default 30 s (BC: about 30 seconds).</value>
    public TimeSpan NotificationDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how many buffered changes turn a notification into one <c>collection</c> notification.</summary>
    /// <value>Default 1000.</value>
    public int CollectionThreshold { get; set; } = 1000;

    /// <summary>Gets or sets a subscription's lifetime after create or renewal.</summary>
    /// <value>Default 3 days.</value>
    public TimeSpan SubscriptionLifetime { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Gets or sets the custom API page path serving shipment tracking numbers (<c>shipmentTrackings</c>).</summary>
    /// <value>Default <c>api/contoso/shipping/v1.0</c>.</value>
    public string TrackingApiPath { get; set; } = "api/contoso/shipping/v1.0";

    /// <summary>Gets or sets the clock.</summary>
    /// <value>Default the system clock.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
