namespace CrmBridge.Connectors.Webhooks;

/// <summary>What a webhook receiver made of a call: the HTTP status to answer and the changes to enqueue.</summary>
/// <param name="StatusCode">200/202 accepted, 400 malformed, 401 unauthenticated, 413 too large.</param>
/// <param name="Error">The reason for a 4xx (names what was wrong; never echoes secrets or personal data).</param>
/// <param name="Notifications">The changes to enqueue (empty when rejected or ignored).</param>
/// <param name="IgnoredReason">Why an authenticated call was accepted but produces nothing (echo of the bridge's own write, unmapped entity).</param>
public sealed record WebhookResult(int StatusCode, string? Error, IReadOnlyList<WebhookNotification> Notifications, string? IgnoredReason = null)
{
    /// <summary>
    /// Gets the plain-text body the host must answer with, when the system expects one (Business Central's subscription
    /// validation handshake: 200 with the <c>validationToken</c> as the body); <see langword="null"/> = no body.
    /// </summary>
    public string? ResponseText { get; init; }

    /// <summary>Creates a 200 result that answers a validation handshake with the given text as a plain-text body.</summary>
    /// <param name="text">The text to echo (the validation token).</param>
    /// <param name="reason">Why nothing is enqueued (logged).</param>
    /// <returns>The result.</returns>
    public static WebhookResult Echo(string text, string reason) => new(200, null, [], reason) { ResponseText = text };

    /// <summary>
    /// Gets the body to keep with a 400 (a rejected-input dead letter) when it differs from what was sent: the sent body
    /// with secrets removed (Zoho's channel token travels in the body). <see langword="null"/> keeps the body as sent.
    /// </summary>
    public string? KeptBody { get; init; }

    /// <summary>Creates an accepted result.</summary>
    /// <param name="notifications">The changes.</param>
    /// <returns>The result.</returns>
    public static WebhookResult Accepted(params WebhookNotification[] notifications) => new(202, null, notifications);

    /// <summary>Creates an accepted result that produces nothing.</summary>
    /// <param name="reason">Why.</param>
    /// <returns>The result.</returns>
    public static WebhookResult Ignored(string reason) => new(202, null, [], reason);

    /// <summary>Creates a 400 result.</summary>
    /// <param name="error">What was wrong.</param>
    /// <returns>The result.</returns>
    public static WebhookResult BadRequest(string error) => new(400, error, []);

    /// <summary>Creates a 401 result.</summary>
    /// <param name="error">What was wrong (which credential was missing or wrong, never its value).</param>
    /// <returns>The result.</returns>
    public static WebhookResult Unauthorized(string error) => new(401, error, []);
}
