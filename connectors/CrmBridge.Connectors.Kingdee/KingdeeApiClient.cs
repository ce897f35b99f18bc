using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Connectors.Kingdee;

/// <summary>
/// Calls <c>DynamicFormService</c> operations: adds the session (or the signature headers), re-logs in once when K3Cloud
/// reports the context lost (MsgCode 1) and retries, retries network-control conflicts (MsgCode 13) a few times, maps
/// non-200 statuses and whole-call MsgCodes to classified exceptions. Item-level failures are left to the caller.
/// </summary>
internal sealed class KingdeeApiClient
{
    private const string FormService = "Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.";
    private static readonly HashSet<int> WholeCallCodes = [KingdeeErrors.ContextLost, 6, KingdeeErrors.NetworkControl, KingdeeErrors.CallLimit, KingdeeErrors.NoPermission, 7, 15];

    private readonly KingdeeTransport _transport;
    private readonly KingdeeSessionProvider _sessions;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public KingdeeApiClient(KingdeeTransport transport, KingdeeSessionProvider sessions, IOptions<KingdeeConnectorOptions> options, TimeProvider time, ILogger<KingdeeApiClient> logger)
    {
        _transport = transport;
        _sessions = sessions;
        Options = options.Value;
        _time = time;
        _logger = logger;
    }

    public KingdeeConnectorOptions Options { get; }

    /// <summary>Sends <c>{"formid":…,"data":…}</c> (or <c>{"data":…}</c> when <paramref name="formId"/> is null) to an operation.</summary>
    /// <returns>The answer; its status (if any) is not a whole-call failure.</returns>
    public async Task<JsonNode?> CallAsync(string operation, string? formId, JsonObject data, string formForMessages, CancellationToken cancellationToken)
    {
        var relogged = false;
        var conflicts = 0;
        while (true)
        {
            var body = formId is null ? new JsonObject { ["data"] = data.DeepClone() } : new JsonObject { ["formid"] = formId, ["data"] = data.DeepClone() };
            var session = Options.AuthMode == KingdeeAuthMode.SignatureHeaders ? null : await _sessions.GetAsync(cancellationToken).ConfigureAwait(false);
            var answer = await _transport.PostAsync(FormService + operation, body, Headers(operation, session), cancellationToken).ConfigureAwait(false);
            if (answer.Status is not (200 or 206))
            {
                KingdeeLog.CallFailed(_logger, Options.System, operation, formForMessages, answer.Status, 0);
                throw ConnectorErrors.FromStatus(Options.System, answer.Status, null, $"{Options.System}: {operation} {formForMessages}: HTTP {answer.Status}.");
            }

            var status = KingdeeStatus.Find(answer.Body);
            if (status is null || status.IsSuccess || !WholeCallCodes.Contains(status.MsgCode))
            {
                return answer.Body;
            }

            if (status.MsgCode == KingdeeErrors.ContextLost && !relogged && session is not null)
            {
                KingdeeLog.SessionLost(_logger, Options.System, operation);
                _sessions.Invalidate(session);
                relogged = true;
                continue;
            }

            if (status.MsgCode == KingdeeErrors.NetworkControl && conflicts < Options.NetworkControlRetries)
            {
                var wait = Options.NetworkControlDelay * Math.Pow(2, conflicts++);
                KingdeeLog.NetworkControlConflict(_logger, Options.System, operation, formForMessages, conflicts);
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            KingdeeLog.CallFailed(_logger, Options.System, operation, formForMessages, answer.Status, status.MsgCode);
            throw KingdeeErrors.For(Options, operation, formForMessages, status);
        }
    }

    private IEnumerable<KeyValuePair<string, string>> Headers(string operation, KingdeeSession? session)
    {
        if (session is not null)
        {
            return [new("kdservice-sessionid", session.SessionId), new("Cookie", session.CookieHeader)];
        }

        var o = Options;
        var path = _transport.ServiceUri(FormService + operation).AbsolutePath;
        return KingdeeSigner.Headers(o.AppId!, o.AppSecret!, o.AcctId!, o.Username!, o.Lcid, o.OrgNumber, path, _time.GetUtcNow());
    }
}
