namespace CrmBridge.Functions.Webhooks;

/// <summary>The body of an accepted webhook call.</summary>
/// <param name="Enqueued">How many change envelopes were enqueued.</param>
/// <param name="CorrelationId">The correlation id of the call (each notification keeps the sender's own when it sent one).</param>
/// <param name="Ignored">Why an authenticated call produced nothing, when it did.</param>
public sealed record WebhookResponse(int Enqueued, string CorrelationId, string? Ignored);
