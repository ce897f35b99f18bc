namespace CrmBridge.Connectors.Webhooks;

/// <summary>
/// Authenticates and parses one system's webhook calls. Pure and fast: no I/O, so the host can enqueue and answer 2xx
/// within milliseconds. Malformed bodies give 400 with a reason, never an exception.
/// </summary>
public interface IWebhookReceiver
{
    /// <summary>Gets the system whose webhooks this receiver understands.</summary>
    string System { get; }

    /// <summary>Authenticates (constant-time compare) and parses a call.</summary>
    /// <param name="request">The call.</param>
    /// <returns>The status to answer and the changes to enqueue.</returns>
    WebhookResult Receive(WebhookRequest request);
}
