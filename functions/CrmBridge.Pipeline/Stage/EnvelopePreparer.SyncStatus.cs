using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using CrmBridge.Pipeline.StatusWriteback;

namespace CrmBridge.Pipeline.Stage;

/// <content>
/// Routes with status fields (<see cref="SyncRoute.SyncStatus"/>): the change event a status write causes is dropped as
/// the bridge's echo, and a record already delivered whose status shows another outcome is reported synced again.
/// </content>
internal sealed partial class EnvelopePreparer
{
    private async Task<RouteResult> CheckSyncStatusAsync(ChangeEnvelope envelope, SyncRoute route, string recordId, string? version, LedgerEntry? ledger, RouteResult result, CancellationToken cancellationToken)
    {
        if (route.SyncStatus is null)
        {
            return result;
        }

        // Skipped as already delivered (same content hash): a replay of a fixed record, or an edit undone after a failure.
        var delivered = result.Outcome == SyncOutcomeKind.Skipped && ledger is not null;

        // Only a change a system reported can be a status write's echo; retries, replays and deferrals always run.
        var reported = envelope.Origin is null or EnvelopeOrigins.Webhook or EnvelopeOrigins.Poll
            && (result.Delivery is not null || result.Failure is not null || result.Awaiting is not null);
        if (!delivered && !reported)
        {
            return result;
        }

        var memory = StatusMemory.From(await _state.GetEchoAsync(StatusMemory.RefOf(route, recordId), cancellationToken).ConfigureAwait(false));
        if (memory is null)
        {
            return result;
        }

        if (delivered)
        {
            return memory.Kind == SyncStatusKind.Synced ? result : result with { SyncedTargetId = ledger!.TargetId, ContentHash = ledger.ContentHash };
        }

        if (memory.IsEchoOf(version, result.Delivery?.ContentHash))
        {
            StatusWritebackLog.Echo(_logger, route.Name, recordId, envelope.CorrelationId);
            return RouteResult.Done(route, SyncOutcomeKind.Echo);
        }

        return result;
    }
}
