using System.ComponentModel.DataAnnotations;

namespace CrmBridge.Functions;

/// <summary>One system/entity the poll timer polls (<c>Polling:Targets:N</c> or <c>Functions:PollTargets:N</c>).</summary>
public sealed class PollTargetOptions
{
    /// <summary>Gets or sets the system (a connector's <c>System</c>, e.g. <c>erp</c>).</summary>
    [Required]
    public string System { get; set; } = string.Empty;

    /// <summary>Gets or sets the entity (e.g. <c>salesOrders</c>).</summary>
    [Required]
    public string Entity { get; set; } = string.Empty;
}
