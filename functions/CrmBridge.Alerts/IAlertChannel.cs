namespace CrmBridge.Alerts;

/// <summary>A place alerts are delivered to (a chat webhook, email).</summary>
public interface IAlertChannel
{
    /// <summary>Gets the channel's name for logs (<c>teams</c>, <c>wecom</c>, <c>dingtalk</c>, <c>feishu</c>, <c>email</c>).</summary>
    string Name { get; }

    /// <summary>Delivers one alert in the shape the service renders.</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the service accepted the message.</returns>
    /// <exception cref="AlertDeliveryException">When the service refused the message or could not be reached.</exception>
    Task SendAsync(Alert alert, CancellationToken cancellationToken);
}
