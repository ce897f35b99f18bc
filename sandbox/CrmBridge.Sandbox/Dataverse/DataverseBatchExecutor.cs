using System.Globalization;
using System.Text;
using CrmBridge.Sandbox.Hosting;

namespace CrmBridge.Sandbox.Dataverse;

/// <summary>
/// Runs a parsed <c>$batch</c>: changesets atomically (one failure rolls the whole changeset back and answers its error
/// alone), other parts one by one; stops at the first failure unless <c>Prefer: odata.continue-on-error</c>, and then
/// answers the batch with that failure's status (the documentation's example: <c>400 BadRequest</c> around the part).
/// Requests whose URL is longer than <see cref="DataverseUrlLimits.MaxBatchUrlLength"/> are refused;
/// <see cref="DataverseSandbox.BatchPartFaults"/> makes single parts fail (a request throttled inside a batch).
/// </summary>
internal sealed class DataverseBatchExecutor
{
    private readonly DataverseApi _api;
    private readonly DataverseStore _store;
    private readonly FaultInjector _partFaults;

    public DataverseBatchExecutor(DataverseApi api, DataverseStore store, FaultInjector partFaults)
    {
        _api = api;
        _store = store;
        _partFaults = partFaults;
    }

    public (string ContentType, string Body, int Status) Execute(IReadOnlyList<BatchPart> parts, bool continueOnError, Guid user, Guid correlation)
    {
        var boundary = "batchresponse_" + Guid.NewGuid();
        var sb = new StringBuilder();
        var status = 200;
        foreach (var part in parts)
        {
            sb.Append("--").Append(boundary).Append("\r\n");
            int failed;
            if (part.IsChangeset)
            {
                failed = Changeset(part, user, correlation, sb);
            }
            else
            {
                var response = Run(part.Operations[0], user, correlation, faults: true);
                WriteHttp(sb, part.Operations[0].ContentId, response);
                failed = response.Status >= 400 ? response.Status : 0;
            }

            if (failed > 0 && !continueOnError)
            {
                status = failed;
                break;
            }
        }

        sb.Append("--").Append(boundary).Append("--\r\n");
        return ($"multipart/mixed; boundary={boundary}", sb.ToString(), status);
    }

    private DataverseResponse Run(BatchOperation operation, Guid user, Guid correlation, bool faults)
    {
        var length = DataverseUrlLimits.AbsoluteLength(operation.Url, _api.BaseAddress());
        if (length > DataverseUrlLimits.MaxBatchUrlLength)
        {
            return DataverseResponse.FromError(DataverseUrlLimits.TooLong(length, DataverseUrlLimits.MaxBatchUrlLength));
        }

        switch (faults ? _partFaults.Next() : null)
        {
            case { Kind: SandboxFaultKind.Throttle } fault:
                var throttled = DataverseResponse.FromError(new DataverseApiException(429, "0x80072322", "Number of requests exceeded the limit of 6000 over time window of 300 seconds."));
                throttled.Headers["Retry-After"] = Math.Max(1, (int)Math.Ceiling(fault.Delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return throttled;
            case { Kind: SandboxFaultKind.ServerError }:
                return DataverseResponse.FromError(new DataverseApiException(500, "0x80040216", "An unexpected error occurred."));
            case { Kind: SandboxFaultKind.Latency } slow:
                Thread.Sleep(slow.Delay);
                break;
        }

        return _api.Handle(operation.Request, user, correlation);
    }

    /// <summary>Runs a changeset; returns the failed status (0 when it succeeded).</summary>
    private int Changeset(BatchPart part, Guid user, Guid correlation, StringBuilder sb)
    {
        var results = new List<(string? ContentId, DataverseResponse Response)>();
        try
        {
            _store.Atomically(() =>
            {
                var created = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var operation in part.Operations)
                {
                    var request = operation.Request;
                    if (request.Path.StartsWith('$'))
                    {
                        var id = new string(request.Path[1..].TakeWhile(char.IsDigit).ToArray());
                        var entity = created.GetValueOrDefault(id) ?? throw new DataverseApiException(400, "0x80060888", $"Content-ID reference ${id} is unknown.");
                        request = request with { Path = entity[(entity.IndexOf("/api/data/v9.2/", StringComparison.Ordinal) + 15)..] + request.Path[(1 + id.Length)..] };
                    }

                    var response = Run(operation with { Request = request }, user, correlation, faults: false);
                    if (response.Status >= 400)
                    {
                        throw new ChangesetFailedException(response);
                    }

                    if (operation.ContentId is { } contentId && response.Headers.TryGetValue("OData-EntityId", out var entityId))
                    {
                        created[contentId] = entityId;
                    }

                    results.Add((operation.ContentId, response));
                }

                return 0;
            });
        }
        catch (ChangesetFailedException failure)
        {
            // As the documentation's example shows, the failed change set answers one application/http part with no
            // Content-ID; clients match it by position (responses come in request order).
            WriteHttp(sb, null, failure.Response);
            return failure.Response.Status;
        }

        var inner = "changesetresponse_" + Guid.NewGuid();
        sb.Append("Content-Type: multipart/mixed; boundary=").Append(inner).Append("\r\n\r\n");
        foreach (var (contentId, response) in results)
        {
            sb.Append("--").Append(inner).Append("\r\n");
            WriteHttp(sb, contentId, response);
        }

        sb.Append("--").Append(inner).Append("--\r\n");
        return 0;
    }

    private static void WriteHttp(StringBuilder sb, string? contentId, DataverseResponse response)
    {
        sb.Append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
        if (contentId is not null)
        {
            sb.Append("Content-ID: ").Append(contentId).Append("\r\n");
        }

        sb.Append("\r\nHTTP/1.1 ").Append(response.Status).Append(' ').Append(response.Reason).Append("\r\n");
        foreach (var (name, value) in response.Headers)
        {
            sb.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (response.Body is not null)
        {
            sb.Append("Content-Type: application/json; odata.metadata=minimal\r\n\r\n").Append(response.Body.ToJsonString()).Append("\r\n");
        }
        else
        {
            sb.Append("\r\n");
        }
    }

    private sealed class ChangesetFailedException(DataverseResponse response) : Exception("changeset failed")
    {
        public DataverseResponse Response { get; } = response;
    }
}
