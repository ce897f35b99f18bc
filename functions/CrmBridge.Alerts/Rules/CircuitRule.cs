using Microsoft.Extensions.Options;
using CrmBridge.Pipeline.Resilience;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Alerts.Rules;

/// <summary>
/// Circuits from the state store (<c>#circuit</c> checkpoints, written by any host): an open or half-open circuit is a
/// <see cref="AlertKind.Circuit"/> condition; when its last error is an authentication failure the condition is
/// <see cref="AlertKind.Authentication"/> instead (same key), so people are told to fix credentials, not to wait.
/// </summary>
internal sealed class CircuitRule(ICheckpointStore store, IOptions<AlertsOptions> options, TimeProvider time) : IAlertRule
{
    /// <summary>Error codes that mean "the system refuses our credentials" (connectors' <c>ConnectorException.ErrorCode</c>).</summary>
    public static readonly IReadOnlySet<string> AuthenticationCodes =
        new HashSet<string>(["HTTP_401", "HTTP_403", "AUTH_FAILED", "UNAUTHORIZED", "INVALID_TOKEN", "INVALID_TOKEN_RESPONSE", "TOKEN_ENDPOINT", "invalid_grant", "invalid_client"], StringComparer.OrdinalIgnoreCase);

    public async Task<IReadOnlyList<AlertSignal>> EvaluateAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var circuits = CircuitBreakers.FromCheckpoints(await store.ListCheckpointsAsync(cancellationToken).ConfigureAwait(false));
        var signals = new List<AlertSignal>();
        foreach (var circuit in circuits)
        {
            var code = ErrorCode(circuit.LastError);
            var auth = code is not null && AuthenticationCodes.Contains(code);
            var kind = auth ? AlertKind.Authentication : AlertKind.Circuit;
            if (options.Value.Disabled.Contains(kind))
            {
                continue;
            }

            var open = circuit.State != CircuitState.Closed;
            signals.Add(new AlertSignal(open ? Opened(circuit, code, auth, now) : Closed(circuit, now), open));
        }

        return signals;
    }

    /// <summary>The error code of a circuit's <c>LastError</c> (<c>"HTTP_503: Service unavailable"</c> → <c>HTTP_503</c>).</summary>
    public static string? ErrorCode(string? lastError) =>
        string.IsNullOrEmpty(lastError) ? null : lastError.Split(':', 2)[0].Trim();

    private static Alert Opened(CircuitSnapshot c, string? code, bool auth, DateTimeOffset now) => new(
        Key(c.System),
        auth ? AlertKind.Authentication : AlertKind.Circuit,
        auth ? $"Authentication to {c.System} is failing: deliveries paused" : $"Circuit to {c.System} opened: deliveries paused",
        auth
            ? $"{c.System} refuses our credentials ({code}). Renew the secret or consent in Connectors configuration; changes wait in the queue and are delivered when it works again."
            : $"{c.System} failed {c.ConsecutiveFailures} times in a row. Changes wait in the queue (no attempts spent) and one probe tests whether it is back.",
        [
            new("System", c.System),
            new("State", c.State.ToString()),
            new("Since", c.Since.UtcDateTime.ToString("u", System.Globalization.CultureInfo.InvariantCulture)),
            new("Failures in a row", c.ConsecutiveFailures.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Last error code", code ?? "-"),
        ],
        Recovery: false,
        now);

    private static Alert Closed(CircuitSnapshot c, DateTimeOffset now) => new(
        Key(c.System),
        AlertKind.Circuit,
        $"Circuit to {c.System} closed: deliveries resumed",
        $"{c.System} answers again; the waiting changes are being delivered.",
        [new("System", c.System), new("State", c.State.ToString())],
        Recovery: true,
        now);

    private static string Key(string system) => $"circuit:{system}";
}
