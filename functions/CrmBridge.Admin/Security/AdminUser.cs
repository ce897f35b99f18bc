namespace CrmBridge.Admin.Security;

/// <summary>A signed-in admin.</summary>
/// <param name="Name">Who (the name given at key sign-in, or the identity provider's user name): goes into the audit log.</param>
/// <param name="Method">How they signed in (<c>key</c>, <c>oidc</c>, <c>easyauth</c>).</param>
public sealed record AdminUser(string Name, string Method);
