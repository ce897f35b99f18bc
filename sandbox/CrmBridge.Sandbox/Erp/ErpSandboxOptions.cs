namespace CrmBridge.Sandbox.Erp;

/// <summary>Options of the reference ERP emulator (<see cref="ErpSandbox"/>).</summary>
public sealed class ErpSandboxOptions
{
    /// <summary>Gets or sets the API key every <c>/api/*</c> call must present in <c>X-Api-Key</c>. Required.</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>Gets or sets the URL each change is POSTed to, or <see langword="null"/> for no webhooks. Must be a loopback address.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>Gets or sets the value sent in the <c>X-Erp-Webhook-Key</c> header of webhook calls.</summary>
    public string? WebhookKey { get; set; }

    /// <summary>Gets or sets how often one webhook call is attempted before it is given up (the change feed still has it).</summary>
    /// <value>Default 10 (about 20 s of retrying with the default back-off).</value>
    public int WebhookMaxAttempts { get; set; } = 10;

    /// <summary>Gets or sets the first webhook retry delay; it doubles per attempt up to 5 s.</summary>
    /// <value>Default 100 ms.</value>
    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Gets or sets how many changes the change feed keeps. Older entries are trimmed; a reader whose <c>after</c> points
    /// before the oldest kept entry gets <c>410 CHECKPOINT_EXPIRED</c> and must resync.
    /// </summary>
    /// <value>Default 100 000.</value>
    public int ChangeLogCapacity { get; set; } = 100_000;

    /// <summary>Gets or sets the clock for <c>updatedAt</c>, <c>shippedAt</c>, injected latency and webhook back-off.</summary>
    /// <value>Default <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets a fixed port, or 0 for a free one.</summary>
    /// <value>Default 0.</value>
    public int Port { get; set; }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            throw new ArgumentException("ErpSandboxOptions.ApiKey is required.", nameof(ApiKey));
        }

        if (WebhookUrl is not null && (!WebhookUrl.IsAbsoluteUri || !WebhookUrl.IsLoopback))
        {
            throw new ArgumentException("ErpSandboxOptions.WebhookUrl must be an absolute loopback URL (the sandbox never calls out).", nameof(WebhookUrl));
        }

        if (WebhookMaxAttempts < 1 || ChangeLogCapacity < 1 || WebhookRetryDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("ErpSandboxOptions.WebhookMaxAttempts and ChangeLogCapacity must be at least 1, WebhookRetryDelay not negative.");
        }
    }
}
