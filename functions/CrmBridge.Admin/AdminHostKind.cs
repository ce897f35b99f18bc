namespace CrmBridge.Admin;

/// <summary>Which host serves the page: it decides how admins sign in.</summary>
public enum AdminHostKind
{
    /// <summary><c>crmbridge run --admin-port</c>: admin key (sign-in form, cookie) or OpenID Connect.</summary>
    Standalone = 0,

    /// <summary>The Functions app: Easy Auth principal with an app role.</summary>
    Functions = 1,
}
