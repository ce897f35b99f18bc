namespace CrmBridge.Connectors;

/// <summary>The rule for URLs that carry secrets (API keys, client secrets, tokens): HTTPS, or plain HTTP to loopback only.</summary>
public static class SecureUrls
{
    /// <summary>Tells whether <paramref name="url"/> may carry a secret.</summary>
    /// <param name="url">The URL; <see langword="null"/> counts as allowed (required-ness is checked elsewhere).</param>
    /// <returns><see langword="true"/> for an absolute https URL, or http to 127.0.0.0/8, ::1 or localhost.</returns>
    public static bool MayCarrySecrets(Uri? url) =>
        url is null
        || url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp && url.IsLoopback);

    /// <summary>The one-line error for a URL that breaks the rule.</summary>
    /// <param name="key">The configuration key, e.g. <c>Connectors:Erp:BaseUrl</c>.</param>
    /// <param name="carries">What travels to it, e.g. <c>the API key</c>.</param>
    /// <returns>The message.</returns>
    public static string Error(string key, string carries) =>
        $"{key} must be an https URL because {carries} is sent to it; plain http is allowed only for loopback (127.0.0.1, ::1, localhost).";
}
