namespace CrmBridge.Connectors.Dataverse;

/// <summary>One thing <c>dataverse register</c>/<c>unregister</c> did, or would do with <c>--dry-run</c>.</summary>
/// <param name="Action"><c>create</c>, <c>update</c>, <c>unchanged</c>, <c>delete</c> or <c>keep</c> (not CrmBridge's, left alone).</param>
/// <param name="Kind"><c>serviceendpoint</c>, <c>step</c>, <c>image</c> or <c>column</c>.</param>
/// <param name="Name">The row's name (or <c>table.column</c>).</param>
/// <param name="Detail">What changes, e.g. the filtering attributes.</param>
public sealed record DataverseRegistrationChange(string Action, string Kind, string Name, string Detail = "")
{
    /// <summary>Gets the change as one progress line (<c>create step 'CrmBridge: Update of account' (filtering: name,telephone1)</c>).</summary>
    /// <param name="dryRun">Whether nothing was changed (the line then says "would").</param>
    /// <returns>The line.</returns>
    public string ToLine(bool dryRun) =>
        $"{(dryRun && Action is "create" or "update" or "delete" ? "would " : string.Empty)}{Action} {Kind} '{Name}'{(Detail.Length > 0 ? $" ({Detail})" : string.Empty)}";
}
