namespace CrmBridge.Connectors.Zoho;

/// <summary>A cached access token and the API domain it is valid for.</summary>
/// <param name="Value">The access token.</param>
/// <param name="ApiDomain">The <c>api_domain</c> from the token response, e.g. <c>https://www.zohoapis.eu</c>.</param>
/// <param name="RefreshAt">When to refresh (expiry minus the margin).</param>
internal sealed record ZohoAccessToken(string Value, string ApiDomain, DateTimeOffset RefreshAt);
