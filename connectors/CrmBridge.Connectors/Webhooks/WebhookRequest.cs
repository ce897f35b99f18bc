namespace CrmBridge.Connectors.Webhooks;

/// <summary>An incoming webhook call, host-neutral (built by the Functions app or the standalone host).</summary>
/// <param name="Headers">The request headers (look-ups must be case-insensitive).</param>
/// <param name="Query">The query string values (for example Dataverse's <c>code</c>).</param>
/// <param name="Body">The raw body.</param>
public sealed record WebhookRequest(IReadOnlyDictionary<string, string> Headers, IReadOnlyDictionary<string, string> Query, ReadOnlyMemory<byte> Body);
