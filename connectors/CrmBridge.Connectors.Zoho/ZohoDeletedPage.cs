namespace CrmBridge.Connectors.Zoho;

/// <summary>One page of Zoho's deleted-records list.</summary>
/// <param name="Records">The entries with an id, in Zoho's order.</param>
/// <param name="MoreRecords">Whether <c>info.more_records</c> announced a further page.</param>
internal sealed record ZohoDeletedPage(IReadOnlyList<ZohoDeletedRecord> Records, bool MoreRecords)
{
    /// <summary>Gets the page Zoho's 204 No Content stands for: nothing deleted since If-Modified-Since.</summary>
    public static ZohoDeletedPage Empty { get; } = new([], false);
}
