namespace CrmBridge.Pipeline.Queueing;

/// <summary>An envelope received from a <see cref="IWorkQueue"/>, invisible to others until completed or its lease ends.</summary>
/// <param name="Envelope">The envelope (claim-checked snapshot already loaded).</param>
/// <param name="MessageId">The queue's message id.</param>
/// <param name="Receipt">The receipt (pop receipt / lease token) needed to complete the message.</param>
/// <param name="DequeueCount">How often this message was received, including this time.</param>
public sealed record QueuedEnvelope(ChangeEnvelope Envelope, string MessageId, string Receipt, int DequeueCount);
