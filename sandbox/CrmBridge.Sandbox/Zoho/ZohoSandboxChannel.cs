namespace CrmBridge.Sandbox.Zoho;

/// <summary>A notification channel subscribed through <c>actions/watch</c>.</summary>
/// <param name="ChannelId">The channel id.</param>
/// <param name="Events">The events, e.g. <c>Accounts.all</c> or <c>Cases.edit</c>.</param>
/// <param name="Token">The token echoed in callbacks.</param>
/// <param name="NotifyUrl">Where callbacks are posted.</param>
/// <param name="Expiry">When the channel expires.</param>
/// <param name="ReturnAffectedFieldValues">Whether callbacks carry <c>affected_values</c> (subscribed with <c>return_affected_field_values</c>).</param>
public sealed record ZohoSandboxChannel(string ChannelId, IReadOnlyList<string> Events, string? Token, Uri NotifyUrl, DateTimeOffset Expiry, bool ReturnAffectedFieldValues = false);
