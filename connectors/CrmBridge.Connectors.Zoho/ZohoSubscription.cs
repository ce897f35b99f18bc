namespace CrmBridge.Connectors.Zoho;

/// <summary>A notification channel as Zoho reports it (<c>GET actions/watch</c>), whoever subscribed it.</summary>
/// <param name="ChannelId">The channel id.</param>
/// <param name="Events">The events, e.g. <c>Sales_Orders.all</c>.</param>
/// <param name="Expiry">When Zoho stops delivering unless renewed, when reported.</param>
/// <param name="NotifyUrl">Where callbacks go, when reported.</param>
public sealed record ZohoSubscription(string ChannelId, IReadOnlyList<string> Events, DateTimeOffset? Expiry, string? NotifyUrl);
