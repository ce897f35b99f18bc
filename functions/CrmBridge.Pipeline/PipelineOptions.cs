using System.ComponentModel.DataAnnotations;

namespace CrmBridge.Pipeline;

/// <summary>Options of the sync pipeline, bound from the <c>Pipeline</c> configuration section.</summary>
public sealed class PipelineOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Pipeline";

    /// <summary>
    /// Gets or sets an optional cap on failed attempts before a change is dead-lettered. Retries are bounded by
    /// <see cref="MaxRetryAge"/>; set this only to give up sooner on targets that fail one record at a time.
    /// </summary>
    /// <value>Default none (the age bound decides). Waiting on an open circuit or a busy record spends no attempt.</value>
    [Range(1, 10_000)]
    public int? MaxAttempts { get; set; }

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

    /// <summary>
    /// Gets or sets how long a batch lingers for company before it is handled: on the Azure Functions host the first
    /// envelope of a source entity waits this long for more of that entity from concurrent invocations (and keeps
    /// filling after it while every lane is busy); on the standalone host a receive
    /// that did not fill <see cref="BatchSize"/> is followed by further receives for this long. Batches filled across
    /// receives let each target entity get batch calls near its API's limit.
    /// </summary>
    /// <value>
    /// Default 250 ms: a batch waits until nothing arrived for this long (bounded by <see cref="CoalesceMaxLinger"/>), so
    /// change pages that take a few hundred milliseconds each to enqueue still fill one batch. Zero turns it off (every
    /// invocation, every receive is its own batch).
    /// </value>
    public TimeSpan CoalesceWindow { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Gets or sets the longest a batch waits for company while more keep coming: on the Azure Functions host an entity's
    /// group is ready when no envelope joined it for <see cref="CoalesceWindow"/> or when its first envelope waited this
    /// long; on the standalone host receives stop when nothing arrived for a window or this long after the first
    /// (a full batch goes at once on both).
    /// </summary>
    /// <value>Default 2 s: an initial sync's batches fill towards the APIs' limits, a lone change waits one window only.</value>
    public TimeSpan CoalesceMaxLinger { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Gets or sets the most distinct records of one source entity a batch holds (on the standalone host also at most 4
    /// envelopes per record slot in all); a full batch (entity) goes at once. Records, not envelopes: several changes of
    /// one record become one write (an ERP order shipped, then invoiced, is two changes).
    /// </summary>
    /// <value>
    /// Default 1,000: the largest batch limit of the connectors (Dataverse <c>$batch</c>), so every target entity can
    /// get calls at its API's limit (the connectors split larger groups into calls at their own limits). The Functions
    /// host holds at most batchSize + newBatchThreshold invocations at once per instance (host.json: 32 + 3,968: two
    /// running batches of 1,000 records with two changes each, while the next groups fill).
    /// </value>
    [Range(1, 5000)]
    public int CoalesceMaxBatch { get; set; } = 1000;

    /// <summary>Gets or sets how many transient failures in a row (5xx, timeouts, 429) open a target system's circuit.</summary>
    /// <value>Default 5.</value>
    [Range(1, 1000)]
    public int CircuitFailureThreshold { get; set; } = 5;

    /// <summary>Gets or sets how long an opened circuit waits before one probe delivery tests the target again.</summary>
    /// <value>
    /// Default 30 s; it doubles after each failed probe up to <see cref="CircuitMaxOpenDuration"/>, but never beyond a
    /// quarter of the time the target has been failing (at least this duration), so a backlog resumes at most about a
    /// quarter of the outage late.
    /// </value>
    public TimeSpan CircuitOpenDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the longest wait between probes of a target that stays down.</summary>
    /// <value>Default 5 min.</value>
    public TimeSpan CircuitMaxOpenDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets or sets how long a system that pushes changes (webhooks, notification channels) may stay silent while polling
    /// still finds changes before health calls its push path broken (docs/operations.md#change-detection).
    /// </summary>
    /// <value>Default 30 min.</value>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan PushSilence { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Gets or sets how long before a change-tracking token expires health warns (a full resync follows expiry).</summary>
    /// <value>Default 2 days (of Dataverse's 7).</value>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan ChangeTokenWarning { get; set; } = TimeSpan.FromDays(2);

    /// <summary>Gets or sets how often this process writes what it saw of each connection to the state store (for <c>status</c> in another process).</summary>
    /// <value>Default 30 s.</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan HealthPublishInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets how long a change keeps being retried after it was first seen before it is dead-lettered. Outages
    /// shorter than this cost no dead letter: with the circuit breaker, waiting for a down target spends no attempts.
    /// </summary>
    /// <value>Default 24 h.</value>
    public TimeSpan MaxRetryAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Gets or sets whether hosts take a lease per source record in the state store before working on it, so that two
    /// hosts on one store (scale-out) never deliver an older version of a record after a newer one.
    /// </summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool RecordLeases { get; set; } = true;

    /// <summary>Gets or sets how long a record lease lasts unless released (a killed host blocks its records this long).</summary>
    /// <value>Default 2 min.</value>
    public TimeSpan RecordLeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Gets or sets how long dead letters that are closed (dismissed, resolved, replayed) or hold a raw body (rejected
    /// input, poison messages) and orphaned claim-check payloads are kept before the retention cleanup deletes them.
    /// </summary>
    /// <value>Default 30 days.</value>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Gets or sets how often the standalone host runs the retention cleanup (the Functions app runs it hourly).</summary>
    /// <value>Default 1 h.</value>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets the most open rejected-input dead letters kept per system; further rejected calls are only counted and logged.</summary>
    /// <value>Default 1000.</value>
    [Range(0, 1_000_000)]
    public int MaxOpenRejectedInput { get; set; } = 1000;

    /// <summary>Gets or sets how much of a rejected body is kept (the rest is cut off).</summary>
    /// <value>Default 4096 bytes.</value>
    [Range(256, 65536)]
    public int MaxRejectedBodyBytes { get; set; } = 4096;

    /// <summary>Gets or sets how many rejected calls per system and minute are stored at most; the rest are only counted and logged.</summary>
    /// <value>Default 60.</value>
    [Range(1, 100_000)]
    public int RejectedInputPerMinute { get; set; } = 60;

    /// <summary>
    /// Gets or sets the longest the standalone host holds a poll of an entity whose records reference another polled
    /// entity of the same system (orders → accounts, from the mappings' lookups) while that entity is being polled or has
    /// pages still waiting, so the referenced records reach the queue first and are not read by id. Bounds the hold when a
    /// parent's backfill is long or its poll hangs; a failing parent holds nobody. <see cref="TimeSpan.Zero"/> turns holding off.
    /// </summary>
    /// <value>Default 5 min.</value>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan PollDependencyHold { get; set; } = TimeSpan.FromMinutes(5);
}
