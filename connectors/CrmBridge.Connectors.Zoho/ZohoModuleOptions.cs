namespace CrmBridge.Connectors.Zoho;

/// <summary>How one entity maps onto a Zoho module; configured under <c>Connectors:Zoho:Modules:{entity}</c>.</summary>
public sealed class ZohoModuleOptions
{
    /// <summary>Gets or sets the module API name (for a renamed or custom module).</summary>
    /// <value>Default <see langword="null"/>: the entity name is the module API name.</value>
    public string? ApiName { get; set; }

    /// <summary>Gets the field API names read (subforms such as <c>Ordered_Items</c> included); <c>id</c> and <c>Modified_Time</c> are always added.</summary>
    /// <value>Default empty: the built-in list for Accounts, Contacts, Sales_Orders and Cases. Required for custom modules.</value>
    public IList<string> Fields { get; } = new List<string>();
}
