namespace CrmBridge.Cli.Hosting;

/// <summary>One entry of <c>Polling:Targets</c> in the configuration file.</summary>
internal sealed class PollTargetSettings
{
    /// <summary>Gets or sets the system (a configured connector's name).</summary>
    public string System { get; set; } = "";

    /// <summary>Gets or sets the entity.</summary>
    public string Entity { get; set; } = "";

    /// <summary>Gets or sets the polling interval.</summary>
    /// <value>Default 30 s.</value>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
}
