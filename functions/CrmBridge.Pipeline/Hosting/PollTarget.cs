using System.ComponentModel.DataAnnotations;

namespace CrmBridge.Pipeline.Hosting;

/// <summary>
/// One system/entity whose changes are detected by polling: an entry of <c>Polling:Targets</c>, bound the same way by the
/// Functions app (timer <c>PollChanges</c>) and the standalone host (<c>crmbridge run</c>).
/// </summary>
public sealed class PollTarget
{
    /// <summary>The default <see cref="Interval"/>.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);

    /// <summary>Initializes a new instance of the <see cref="PollTarget"/> class (for configuration binding).</summary>
    public PollTarget()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PollTarget"/> class.</summary>
    /// <param name="system">The system (a connector's <c>System</c>).</param>
    /// <param name="entity">The entity.</param>
    /// <param name="interval">How often to poll when nothing is pending.</param>
    public PollTarget(string system, string entity, TimeSpan interval)
    {
        System = system;
        Entity = entity;
        Interval = interval;
    }

    /// <summary>Gets or sets the system (a configured connector's <c>System</c>, e.g. <c>erp</c>).</summary>
    [Required]
    public string System { get; set; } = string.Empty;

    /// <summary>Gets or sets the entity (e.g. <c>salesOrders</c>).</summary>
    [Required]
    public string Entity { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets how often the standalone host polls this target when nothing is pending. The Functions app ignores it:
    /// its timer polls every target on the <c>PollSchedule</c> app setting (NCRONTAB).
    /// </summary>
    /// <value>Default 30 s.</value>
    public TimeSpan Interval { get; set; } = DefaultInterval;
}
