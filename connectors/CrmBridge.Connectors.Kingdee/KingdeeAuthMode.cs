namespace CrmBridge.Connectors.Kingdee;

/// <summary>How the connector signs in to K3Cloud (ERP-FACTS §1.2).</summary>
public enum KingdeeAuthMode
{
    /// <summary><c>AuthService.LoginByAppSecret</c> (acctId, username, appId, appSecret, lcid); the session id is resent on every call.</summary>
    AppSecret = 0,

    /// <summary><c>AuthService.LoginBySign</c>: a SHA-256 signature of the sorted credentials and a timestamp instead of the secret.</summary>
    Sign = 1,

    /// <summary>No login call: every request carries the SDK's <c>X-Api-*</c> / <c>X-Kd-*</c> signature headers.</summary>
    SignatureHeaders = 2,
}
