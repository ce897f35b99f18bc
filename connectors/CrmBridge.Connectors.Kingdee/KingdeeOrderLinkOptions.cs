using System.ComponentModel.DataAnnotations;

namespace CrmBridge.Connectors.Kingdee;

/// <summary>
/// A form whose bills point at a sales order (outbound deliveries, receivables) and are read back onto the order's change
/// snapshot under <see cref="Property"/> (<c>Connectors:Kingdee:OrderLinks:{name}</c>).
/// </summary>
public sealed class KingdeeOrderLinkOptions
{
    /// <summary>Gets or sets the form id, for example <c>SAL_OUTSTOCK</c>.</summary>
    [Required]
    public string FormId { get; set; } = string.Empty;

    /// <summary>Gets or sets the field that holds the sales order number, for example <c>FSoorDerno</c> (an entry field of SAL_OUTSTOCK).</summary>
    [Required]
    public string OrderNumberField { get; set; } = string.Empty;

    /// <summary>Gets or sets the fields copied onto the order snapshot (besides <c>FBillNo</c>), for example <c>FCarriageNO</c>.</summary>
    public List<string> FieldKeys { get; set; } = [];

    /// <summary>Gets or sets the snapshot property that receives the newest linked bill, for example <c>Shipment</c>.</summary>
    [Required]
    public string Property { get; set; } = string.Empty;

    /// <summary>Gets or sets the modification time field.</summary>
    /// <value>Default <c>FModifyDate</c>.</value>
    [Required]
    public string ModifyDateField { get; set; } = "FModifyDate";

    /// <summary>Gets or sets whether only audited (C) bills count.</summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool AuditedOnly { get; set; }
}
