using System.ComponentModel.DataAnnotations;

namespace CrmBridge.Connectors.Fxiaoke;

/// <summary>A detail (child) object written and read together with its master (e.g. order lines with their order).</summary>
public sealed class FxiaokeDetailObjectOptions
{
    /// <summary>Gets or sets the detail object's API name.</summary>
    /// <value>For example <c>SalesOrderProductObj</c>.</value>
    [Required]
    public string ApiName { get; set; } = string.Empty;

    /// <summary>Gets or sets the detail field that references the master record's <c>_id</c>.</summary>
    /// <value>For example <c>order_id</c>.</value>
    [Required]
    public string MasterField { get; set; } = string.Empty;
}
