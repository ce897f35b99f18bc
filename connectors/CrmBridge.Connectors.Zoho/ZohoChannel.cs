namespace CrmBridge.Connectors.Zoho;

/// <summary>A notification channel the bridge keeps subscribed.</summary>
/// <param name="ChannelId">The channel id.</param>
/// <param name="Entity">The watched entity.</param>
/// <param name="Module">The watched module API name.</param>
/// <param name="Expiry">When Zoho stops delivering unless renewed.</param>
public sealed record ZohoChannel(string ChannelId, string Entity, string Module, DateTimeOffset Expiry);
