using CrmBridge.Pipeline.State;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Pipeline.Stage;

/// <summary>
/// Closes the open dead letters of what was just delivered (a newer change, a backfill or a retry got the record
/// through), so the dead-letter list shows only what is still broken. One store call per delivery round.
/// </summary>
internal sealed class ResolvingDeliverer : IDeliverer
{
    private readonly IDeliverer _inner;
    private readonly IDeadLetterStore _deadLetters;
    private readonly ILogger _logger;

    public ResolvingDeliverer(IDeliverer inner, IDeadLetterStore deadLetters, ILogger logger)
    {
        _inner = inner;
        _deadLetters = deadLetters;
        _logger = logger;
    }

    public async Task<IReadOnlyList<DeliveryResult>> DeliverAsync(IReadOnlyList<PendingDelivery> deliveries, CancellationToken cancellationToken)
    {
        var results = await _inner.DeliverAsync(deliveries, cancellationToken).ConfigureAwait(false);
        var delivered = results.Where(r => r.Failure is null).Select(r => (r.Delivery.Envelope.Source, r.Delivery.Route.Name)).ToList();
        if (delivered.Count > 0)
        {
            try
            {
                var closed = await _deadLetters.ResolveDeadLettersAsync(delivered, cancellationToken).ConfigureAwait(false);
                if (closed > 0)
                {
                    PipelineLog.DeadLettersResolved(_logger, closed);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The deliveries stand; a letter left open is only a stale entry in the list.
                PipelineLog.DeadLettersNotResolved(_logger, ex);
            }
        }

        return results;
    }
}
