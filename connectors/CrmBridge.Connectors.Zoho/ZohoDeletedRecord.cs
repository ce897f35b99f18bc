namespace CrmBridge.Connectors.Zoho;

/// <summary>One entry of Zoho's deleted-records list (<c>GET /crm/{version}/{module}/deleted</c>).</summary>
/// <param name="Id">The deleted record's id.</param>
/// <param name="Type"><c>recycle</c> (in the recycle bin, restorable) or <c>permanent</c>.</param>
/// <param name="DeletedTime">When it was deleted (one-second resolution), when given.</param>
internal sealed record ZohoDeletedRecord(string Id, string? Type, DateTimeOffset? DeletedTime);
