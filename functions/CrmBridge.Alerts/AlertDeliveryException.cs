namespace CrmBridge.Alerts;

/// <summary>An alert channel refused a message or could not be reached; the message names the channel and the answer.</summary>
public sealed class AlertDeliveryException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="AlertDeliveryException"/> class.</summary>
    public AlertDeliveryException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="AlertDeliveryException"/> class.</summary>
    /// <param name="message">What failed and what to do.</param>
    public AlertDeliveryException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="AlertDeliveryException"/> class.</summary>
    /// <param name="message">What failed and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public AlertDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
