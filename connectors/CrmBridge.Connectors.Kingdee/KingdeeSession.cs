namespace CrmBridge.Connectors.Kingdee;

/// <summary>A signed-in session: the <c>KDSVCSessionId</c> and the cookies to resend.</summary>
internal sealed record KingdeeSession(string SessionId, string CookieHeader);
