using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Alerts;

/// <summary>One evaluation: every rule, then the <see cref="AlertGate"/>, then every channel. Both hosts call <see cref="RunOnceAsync"/>.</summary>
public sealed class AlertEngine
{
    private readonly IEnumerable<IAlertRule> _rules;
    private readonly AlertGate _gate;
    private readonly IReadOnlyList<IAlertChannel> _channels;
    private readonly ILogger<AlertEngine> _logger;

    /// <summary>Initializes a new instance of the <see cref="AlertEngine"/> class.</summary>
    /// <param name="rules">The rules.</param>
    /// <param name="gate">De-duplication and rate limit.</param>
    /// <param name="channels">Where alerts go.</param>
    /// <param name="logger">The logger.</param>
    public AlertEngine(IEnumerable<IAlertRule> rules, AlertGate gate, IEnumerable<IAlertChannel> channels, ILogger<AlertEngine> logger)
    {
        _rules = rules;
        _gate = gate;
        _channels = [.. channels];
        _logger = logger;
    }

    /// <summary>Evaluates the rules and sends what the gate admits; a failing rule or channel is logged, the others go on.</summary>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The alerts that were admitted.</returns>
    public async Task<IReadOnlyList<Alert>> RunOnceAsync(CancellationToken cancellationToken)
    {
        var signals = new List<AlertSignal>();
        foreach (var rule in _rules)
        {
            try
            {
                signals.AddRange(await rule.EvaluateAsync(cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                AlertsLog.RuleFailed(_logger, rule.GetType().Name, ex);
            }
        }

        var admitted = _gate.Admit(signals);
        foreach (var alert in admitted)
        {
            foreach (var channel in _channels)
            {
                try
                {
                    await channel.SendAsync(alert, cancellationToken).ConfigureAwait(false);
                    AlertsLog.Sent(_logger, alert.Key, channel.Name, alert.Recovery);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    AlertsLog.NotSent(_logger, alert.Key, channel.Name, ex);
                }
            }
        }

        return admitted;
    }

    internal bool HasChannels => _channels.Count > 0;
}
