namespace CrmBridge.Sandbox.Zoho;

/// <summary>Where a page_token continues a listing (the emulator keeps them server-side, as opaque tokens).</summary>
/// <param name="Module">The module.</param>
/// <param name="SortBy">The sort field.</param>
/// <param name="Descending">The sort order.</param>
/// <param name="Since">The If-Modified-Since of the listing.</param>
/// <param name="Offset">How many records were already returned.</param>
/// <param name="Page">The page number the token leads to.</param>
/// <param name="Expiry">When the token expires (24 h after it was issued).</param>
internal sealed record ZohoPageToken(string Module, string SortBy, bool Descending, DateTimeOffset? Since, int Offset, int Page, DateTimeOffset Expiry);
