namespace CrmBridge.Connectors.Dataverse;

/// <summary>A step CrmBridge wants: its name, message, table, and the message and filter ids it binds.</summary>
/// <param name="Name">The step name.</param>
/// <param name="Message"><c>Create</c>, <c>Update</c> or <c>Delete</c>.</param>
/// <param name="Table">The table and its filtering attributes.</param>
/// <param name="MessageId">The <c>sdkmessage</c> id.</param>
/// <param name="FilterId">The <c>sdkmessagefilter</c> id.</param>
internal sealed record DataverseStepDefinition(string Name, string Message, DataverseStepTarget Table, Guid MessageId, Guid FilterId)
{
    /// <summary>Gets the <c>filteringattributes</c> value: only for Update (the platform ignores it elsewhere), empty = every update.</summary>
    public string FilteringAttributes => Message == "Update" ? string.Join(',', Table.FilteringAttributes) : string.Empty;

    /// <summary>Gets whether the step gets a post image: Create and Update (a Delete has none).</summary>
    public bool HasPostImage => Message != "Delete";

    /// <summary>Gets the image's <c>messagepropertyname</c>: <c>Id</c> for Create, <c>Target</c> for Update.</summary>
    public string ImageProperty => Message == "Create" ? "Id" : "Target";
}
