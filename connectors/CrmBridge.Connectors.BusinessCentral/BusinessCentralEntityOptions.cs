namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>How one API v2.0 entity set is used; the defaults cover customers, sales orders, shipments and invoices.</summary>
public sealed class BusinessCentralEntityOptions
{
    /// <summary>Gets or sets whether the bridge writes this entity (upserts, deletes).</summary>
    /// <value>Default <see langword="false"/> (read only).</value>
    public bool Writable { get; set; }

    /// <summary>Gets or sets the lines navigation property read (<c>$expand</c>) and written with each record.</summary>
    /// <value>Default none; <c>salesOrderLines</c> for sales orders, <c>salesShipmentLines</c> for shipments.</value>
    public string? LinesProperty { get; set; }

    /// <summary>Gets or sets whether Business Central can send webhooks for the entity (it cannot for <c>salesShipments</c>).</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool Subscribable { get; set; } = true;
}
