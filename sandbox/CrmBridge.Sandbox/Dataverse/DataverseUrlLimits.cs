namespace CrmBridge.Sandbox.Dataverse;

/// <summary>
/// Dataverse's URL limits ("Compose HTTP requests and handle errors" → Maximum URL length): 32 KB (32,768 characters)
/// for a request's URL, 64 KB (65,536 characters) for the URL of a request sent inside a <c>$batch</c> body. The emulator
/// counts the absolute URL (scheme, host and port, path and query as sent).
/// </summary>
public static class DataverseUrlLimits
{
    /// <summary>The longest URL of a request Dataverse accepts.</summary>
    public const int MaxUrlLength = 32_768;

    /// <summary>The longest URL of a request inside a <c>$batch</c> body.</summary>
    public const int MaxBatchUrlLength = 65_536;

    /// <summary>
    /// The request line Kestrel must accept so that a URL past <see cref="MaxUrlLength"/> reaches the emulator and is
    /// refused the Dataverse way, not by Kestrel (its default limit is 8 KB): twice the limit, plus method and version.
    /// </summary>
    public const int KestrelRequestLine = (2 * MaxUrlLength) + 64;

    /// <summary>
    /// The error for a URL over a limit. The documentation gives the limits but no status or error for a longer URL:
    /// the emulator answers 414 URI Too Long with the Web API's error body and an empty code (codes are "frequently
    /// empty", the error documentation says).
    /// </summary>
    /// <param name="length">The URL's length.</param>
    /// <param name="limit">The limit it exceeds.</param>
    /// <returns>The error.</returns>
    public static DataverseApiException TooLong(int length, int limit) =>
        new(414, string.Empty, $"The request URL is too long: {length} characters, the maximum is {limit}. Send long GET requests inside a $batch request.");

    /// <summary>Gets the absolute length of a URL as written in a request line.</summary>
    /// <param name="url">The URL: absolute, absolute path (<c>/api/data/v9.2/…</c>) or relative to the Web API root.</param>
    /// <param name="apiRoot">The Web API root (<c>http://127.0.0.1:port/api/data/v9.2/</c>).</param>
    /// <returns>The length of the absolute URL.</returns>
    public static int AbsoluteLength(string url, Uri apiRoot)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(apiRoot);
        return url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? url.Length
            : url.StartsWith('/') ? apiRoot.GetLeftPart(UriPartial.Authority).Length + url.Length
            : apiRoot.AbsoluteUri.Length + url.Length;
    }
}
