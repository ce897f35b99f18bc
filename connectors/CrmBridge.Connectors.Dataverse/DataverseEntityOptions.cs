using System.ComponentModel.DataAnnotations;

namespace CrmBridge.Connectors.Dataverse;

/// <summary>How one entity (table) is reached; the defaults cover the standard tables and custom tables need only this.</summary>
public sealed class DataverseEntityOptions
{
    /// <summary>Gets or sets the entity set name used in URLs.</summary>
    /// <value>Required, e.g. <c>accounts</c>.</value>
    [Required]
    public string EntitySet { get; set; } = string.Empty;

    /// <summary>Gets or sets the table's logical name (what webhooks call <c>PrimaryEntityName</c>).</summary>
    /// <value>Required, e.g. <c>account</c>.</value>
    [Required]
    public string LogicalName { get; set; } = string.Empty;

    /// <summary>Gets or sets the primary key column.</summary>
    /// <value>Required, e.g. <c>accountid</c>.</value>
    [Required]
    public string IdField { get; set; } = string.Empty;

    /// <summary>Gets or sets the alternate key columns, comma-separated; upserts keyed by them may create records.</summary>
    /// <value>Default none.</value>
    public string? AlternateKey { get; set; }

    /// <summary>Gets or sets the columns to read (<c>$select</c>); empty reads every column (slower, not advised).</summary>
    /// <value>Default empty.</value>
    public List<string> Select { get; set; } = [];

    /// <summary>Gets or sets whether change tracking is enabled for the table; otherwise a <c>modifiedon</c> watermark poll is used.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool ChangeTracking { get; set; } = true;

    /// <summary>Gets or sets the child (lines) entity set read with each record, e.g. <c>salesorderdetails</c>.</summary>
    /// <value>Default none.</value>
    public string? LinesEntitySet { get; set; }

    /// <summary>Gets or sets the lookup column on the lines that points at the parent, e.g. <c>_salesorderid_value</c>.</summary>
    /// <value>Default none.</value>
    public string? LinesParentField { get; set; }

    /// <summary>Gets or sets the property the lines are put under in the record document.</summary>
    /// <value>Default <c>order_details</c> (the salesorder → salesorderdetail navigation property).</value>
    public string LinesProperty { get; set; } = "order_details";

    /// <summary>Gets or sets the line columns to read.</summary>
    /// <value>Default empty (every column).</value>
    public List<string> LinesSelect { get; set; } = [];

    /// <summary>Gets the alternate key columns.</summary>
    /// <returns>The columns, empty when none.</returns>
    public IReadOnlyList<string> AlternateKeyColumns() =>
        AlternateKey?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
