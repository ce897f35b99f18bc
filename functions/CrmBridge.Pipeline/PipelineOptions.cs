using System.ComponentModel.DataAnnotations;

namespace CrmBridge.Pipeline;

/// <summary>Options of the sync pipeline, bound from the <c>Pipeline</c> configuration section.</summary>
public sealed class PipelineOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Pipeline";

    /// <summary>Gets or sets how many failed attempts an envelope gets before it is dead-lettered.</summary>
    /// <value>Default 8 (with the default backoff about 1 h of retrying).</value>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Gets or sets the first retry delay; each further attempt doubles it (with ±20 % jitter).</summary>
    /// <value>Default 2 s.</value>
    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets the longest retry delay.</summary>
    /// <value>Default 30 min.</value>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Gets or sets the delay when a daily quota/credit budget is exhausted and the system gave no reset time.</summary>
    /// <value>Default 1 h. Quota waits do not spend attempts.</value>
    public TimeSpan QuotaRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets how often an envelope may wait for a dependency (customer before order) before it is dead-lettered.</summary>
    /// <value>Default 10.</value>
    [Range(1, 1000)]
    public int MaxDeferrals { get; set; } = 10;

    /// <summary>Gets or sets how long a deferred envelope waits for its dependency.</summary>
    /// <value>Default 2 s (doubling per deferral, capped at <see cref="MaxRetryDelay"/>).</value>
    public TimeSpan DeferralDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets how many messages a worker receives per batch (Azure Storage Queues allow at most 32).</summary>
    /// <value>Default 32.</value>
    [Range(1, 32)]
    public int BatchSize { get; set; } = 32;

    /// <summary>Gets or sets how many receive-and-process loops the standalone host runs side by side.</summary>
    /// <value>Default 2 (one batch is delivered while the next is prepared).</value>
    [Range(1, 64)]
    public int Lanes { get; set; } = 2;

    /// <summary>Gets or sets how many envelopes are processed at once per host.</summary>
    /// <value>Default 8.</value>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 8;

    /// <summary>Gets or sets how long a received message stays invisible; it must exceed the slowest sync of one batch.</summary>
    /// <value>Default 5 min.</value>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the idle wait between polls of an empty queue.</summary>
    /// <value>Default 200 ms (the standalone host; Azure Functions has its own back-off).</value>
    public TimeSpan IdleDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Gets or sets how long graceful shutdown waits for in-flight envelopes before leaving them to redelivery.</summary>
    /// <value>Default 30 s.</value>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the dequeue count past which a message that keeps crashing its host is dead-lettered.</summary>
    /// <value>Default 5 (as the Functions host's maxDequeueCount).</value>
    [Range(1, 100)]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>
    /// Gets or sets how often the standalone host asks asynchronous targets (staging tables) for writes they rejected later,
    /// to dead-letter them (the Functions app does it every minute).
    /// </summary>
    /// <value>Default 30 s.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan RejectionPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets whether deliveries to the same target entity within a received batch use the connector's batch upsert.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool BatchDeliveries { get; set; } = true;
}
