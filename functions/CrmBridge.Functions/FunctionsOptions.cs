using System.ComponentModel.DataAnnotations;
using CrmBridge.Pipeline.Hosting;

namespace CrmBridge.Functions;

/// <summary>Options of the Functions app, bound from the <c>Functions</c> configuration section.</summary>
/// <remarks>
/// The queue name (<c>QueueName</c>) and the poll schedule (<c>PollSchedule</c>) are top-level app settings instead,
/// because the trigger attributes read them as <c>%QueueName%</c> and <c>%PollSchedule%</c>.
/// </remarks>
public sealed class FunctionsOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Functions";

    /// <summary>The default changes queue name.</summary>
    public const string DefaultQueueName = "crmbridge-changes";

    /// <summary>Gets or sets the largest webhook body the app reads; larger calls get 413 without being read further.</summary>
    /// <value>Default 1 MiB (receivers apply their own, usually smaller, limits too).</value>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxWebhookBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets how many poll targets one timer run polls at once.</summary>
    /// <value>Default 4.</value>
    [Range(1, 64)]
    public int PollConcurrency { get; set; } = 4;

    /// <summary>Gets or sets the most pages one poll of one target reads per timer run (the rest follows next run).</summary>
    /// <value>Default 50.</value>
    [Range(1, 10_000)]
    public int PollMaxPages { get; set; } = 50;

    /// <summary>Gets or sets how long the health endpoint waits for each connector.</summary>
    /// <value>Default 10 s.</value>
    public TimeSpan HealthProbeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets the system/entity pairs the poll timer polls, bound from <c>Polling:Targets</c> (the section the
    /// standalone host reads too). Their <see cref="PollTarget.Interval"/> is ignored here: the timer runs on <c>PollSchedule</c>.
    /// </summary>
    /// <value>Default empty (the timer then only logs a warning).</value>
    public List<PollTarget> PollTargets { get; set; } = [];
}
