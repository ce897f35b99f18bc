namespace CrmBridge.Alerts;

/// <summary>One alert rule: looks at the state store (or what the host knows) and says which conditions hold.</summary>
public interface IAlertRule
{
    /// <summary>Evaluates the rule now.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The signals seen (firing or cleared), one per key.</returns>
    Task<IReadOnlyList<AlertSignal>> EvaluateAsync(CancellationToken cancellationToken);
}
