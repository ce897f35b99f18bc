namespace CrmBridge.Connectors;

/// <summary>A push channel (Zoho notification channel, Business Central webhook subscription) the bridge keeps alive.</summary>
/// <param name="Name">The channel or subscription id with what it watches (<c>1000000068001 (Accounts)</c>).</param>
/// <param name="ExpiresAt">When the system stops sending unless it is renewed, or <see langword="null"/> when unknown.</param>
/// <param name="RenewedAt">When the bridge last created or renewed it, or <see langword="null"/> when never.</param>
/// <param name="Error">Why the last create or renew failed (<c>ErrorCode: message</c>), or <see langword="null"/>.</param>
public sealed record PushChannelState(string Name, DateTimeOffset? ExpiresAt, DateTimeOffset? RenewedAt, string? Error);
