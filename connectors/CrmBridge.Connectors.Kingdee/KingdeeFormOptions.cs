using System.ComponentModel.DataAnnotations;

namespace CrmBridge.Connectors.Kingdee;

/// <summary>
/// How one K3Cloud form is written and read (<c>Connectors:Kingdee:Forms:{entity}</c>; the entity is the name mappings
/// use, by default the form id). Field keys are K3Cloud field keys (case-insensitive on the server).
/// </summary>
public sealed class KingdeeFormOptions
{
    /// <summary>Gets or sets the K3Cloud form id, for example <c>SAL_SaleOrder</c>.</summary>
    /// <value>Default the entity name.</value>
    public string? FormId { get; set; }

    /// <summary>
    /// Gets or sets the field that identifies a record by the CRM's key: a custom text field holding the CRM id (added in
    /// the BOS designer, for example <c>F_CRM_Id</c>) or the number field itself (<c>FNumber</c> / <c>FBillNo</c>).
    /// Mappings must use the same name as their <c>key.target</c>.
    /// </summary>
    /// <value>Default <c>F_CRM_Id</c>.</value>
    [Required]
    public string KeyField { get; set; } = "F_CRM_Id";

    /// <summary>Gets or sets the primary key field (<c>FID</c> on bills, <c>FCUSTID</c> on <c>BD_Customer</c>).</summary>
    /// <value>Default <c>FID</c>.</value>
    [Required]
    public string PkField { get; set; } = "FID";

    /// <summary>Gets or sets the number field, whose value is the record id the bridge reports and looks up (<c>FBillNo</c>, <c>FNumber</c>).</summary>
    /// <value>Default <c>FBillNo</c>.</value>
    [Required]
    public string NumberField { get; set; } = "FBillNo";

    /// <summary>Gets or sets the modification time field polled for changes.</summary>
    /// <value>Default <c>FModifyDate</c>.</value>
    [Required]
    public string ModifyDateField { get; set; } = "FModifyDate";

    /// <summary>Gets or sets the document status field (Z/A/B/C/D); empty when the form has no lifecycle.</summary>
    /// <value>Default <c>FDocumentStatus</c>.</value>
    public string? DocumentStatusField { get; set; } = "FDocumentStatus";

    /// <summary>Gets or sets further header field keys to read (dotted keys such as <c>FCustId.FNumber</c> become nested objects).</summary>
    public List<string> FieldKeys { get; set; } = [];

    /// <summary>Gets or sets the entry (line) entity key, for example <c>FSaleOrderEntry</c>; empty for forms without lines.</summary>
    public string? EntryKey { get; set; }

    /// <summary>Gets or sets the entry field keys to read (besides the entry id and sequence).</summary>
    public List<string> EntryFieldKeys { get; set; } = [];

    /// <summary>Gets or sets what happens after a save.</summary>
    /// <value>Default <see cref="KingdeeAfterSave.None"/>.</value>
    public KingdeeAfterSave AfterSave { get; set; } = KingdeeAfterSave.None;

    /// <summary>
    /// Gets or sets whether the bridge may un-audit an audited (C) record to update or delete it: <c>UnAudit</c> → <c>Save</c>
    /// → and the <see cref="AfterSave"/> calls again. When <see langword="false"/>, such writes are dead-lettered with a message
    /// that says so. Needs the K3Cloud user's un-audit permission.
    /// </summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool UnAuditToUpdate { get; set; }

    /// <summary>Gets or sets extra <c>data</c> settings sent with every save, for example <c>{"IsVerifyBaseDataField":"true"}</c>.</summary>
    public Dictionary<string, string> SaveSettings { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets the field values a new record gets when the mapping does not set them (JSON text per field), for example <c>FSaleOrgId</c> = <c>{"FNumber":"100"}</c>.</summary>
    public Dictionary<string, string> CreateDefaults { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets a readable noun for messages, for example <c>sales order</c>.</summary>
    public string? Noun { get; set; }
}
