using System.ComponentModel.DataAnnotations;

namespace CrmBridge.Alerts;

/// <summary>Alert rules, limits and channels, bound from the <c>Alerts</c> section (docs/alerts.md).</summary>
public sealed class AlertsOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Alerts";

    /// <summary>Gets or sets how often the rules are evaluated.</summary>
    /// <value>Default 1 min.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets the window new dead letters are batched over ("12 new failed records on route X in the last 10 minutes").</summary>
    /// <value>Default 10 min.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan DeadLetterWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets or sets how many new dead letters on one route within the window raise an alert.</summary>
    /// <value>Default 1.</value>
    [Range(1, 100_000)]
    public int DeadLetterThreshold { get; set; } = 1;

    /// <summary>Gets or sets how many polls of one system and entity must fail in a row before an alert.</summary>
    /// <value>Default 3.</value>
    [Range(1, 1000)]
    public int PollFailureThreshold { get; set; } = 3;

    /// <summary>Gets or sets how long the queue may stay non-empty before a backlog alert.</summary>
    /// <value>Default 30 min.</value>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan BacklogAge { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Gets or sets after how long a condition that still holds is told again (a reminder, not a new alert).</summary>
    /// <value>Default 6 h.</value>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan RepeatAfter { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Gets or sets the most alerts sent per hour over all keys; the rest are counted and told in the next one sent.</summary>
    /// <value>Default 20.</value>
    [Range(1, 10_000)]
    public int MaxPerHour { get; set; } = 20;

    /// <summary>Gets or sets the rules that are off (<c>DeadLetters</c>, <c>Circuit</c>, <c>Authentication</c>, <c>PollFailing</c>, <c>Backlog</c>, <c>PushChannel</c>).</summary>
    /// <value>Default none: every rule is on.</value>
    public IList<AlertKind> Disabled { get; set; } = [];

    /// <summary>Gets or sets the Microsoft Teams channel (incoming webhook or Workflows URL).</summary>
    public WebhookChannelOptions Teams { get; set; } = new();

    /// <summary>Gets or sets the WeCom (企业微信) group robot.</summary>
    public WebhookChannelOptions WeCom { get; set; } = new();

    /// <summary>Gets or sets the DingTalk (钉钉) custom robot; <see cref="WebhookChannelOptions.Secret"/> is its 加签 secret.</summary>
    public WebhookChannelOptions DingTalk { get; set; } = new();

    /// <summary>Gets or sets the Feishu/Lark (飞书) custom bot; <see cref="WebhookChannelOptions.Secret"/> is its signature secret.</summary>
    public WebhookChannelOptions Feishu { get; set; } = new();

    /// <summary>Gets or sets the email channel (SMTP).</summary>
    public EmailChannelOptions Email { get; set; } = new();
}
