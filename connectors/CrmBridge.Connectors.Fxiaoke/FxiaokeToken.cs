namespace CrmBridge.Connectors.Fxiaoke;

/// <summary>A corpAccessToken with the corpId it belongs to and when it should be renewed.</summary>
/// <param name="AccessToken">The token.</param>
/// <param name="CorpId">The tenant's corpId (FSCID_...).</param>
/// <param name="RenewAt">When the provider renews it (expiry minus the renewal margin).</param>
internal sealed record FxiaokeToken(string AccessToken, string CorpId, DateTimeOffset RenewAt);
