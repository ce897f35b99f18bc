namespace CrmBridge.Cli.Demo;

/// <summary>API calls of one direction of the demo on one system, next to the least the API limits allow.</summary>
/// <param name="Direction">CRM → ERP or ERP → CRM.</param>
/// <param name="System">The system called.</param>
/// <param name="Role">What the direction does there: read (source) or write (target).</param>
/// <param name="Records">The records of the direction.</param>
/// <param name="Calls">The calls served.</param>
/// <param name="Minimum">⌈records / page⌉ per source entity (read) or ⌈records / batch⌉ per target entity (write); null when the limits are unknown.</param>
internal sealed record DemoDirectionCalls(string Direction, string System, string Role, long Records, long Calls, long? Minimum)
{
    /// <summary>Gets the estimated empty change polls among the calls (the idle polling rate × the phase's seconds).</summary>
    public long IdlePolls { get; init; }

    /// <summary>Gets how many times the minimum the calls are without the estimated empty polls.</summary>
    public double? TimesMinimumWithoutIdlePolls => Minimum is null or 0 ? null : Math.Max(0, Calls - IdlePolls) / (double)Minimum.Value;

    /// <summary>Gets the calls per record.</summary>
    public double CallsPerRecord => Records == 0 ? 0 : Calls / (double)Records;

    /// <summary>Gets the minimum calls per record.</summary>
    public double? MinimumPerRecord => Minimum is null || Records == 0 ? null : Minimum.Value / (double)Records;

    /// <summary>Gets how many times the minimum the calls are.</summary>
    public double? TimesMinimum => Minimum is null or 0 ? null : Calls / (double)Minimum.Value;
}
