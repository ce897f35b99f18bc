namespace CrmBridge.Connectors;

/// <summary>
/// The one exception type connectors throw for failures of an external system. Carries a machine-readable
/// <see cref="ErrorCode"/> (the system's own code where it has one, such as <c>0x80072322</c>, <c>INVALID_DATA</c> or
/// Fxiaoke's <c>errorCode</c>) and a <see cref="Kind"/> that decides retry versus dead letter.
/// </summary>
public class ConnectorException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ConnectorException"/> class.</summary>
    /// <param name="system">The system that failed.</param>
    /// <param name="kind">How the pipeline treats the failure.</param>
    /// <param name="errorCode">The machine-readable error code.</param>
    /// <param name="message">A human-readable message naming what was wrong (no personal data).</param>
    /// <param name="httpStatus">The HTTP status, when the failure came from an HTTP response.</param>
    /// <param name="retryAfter">How long to wait before retrying, when the system said so.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public ConnectorException(
        string system,
        ErrorKind kind,
        string errorCode,
        string message,
        int? httpStatus = null,
        TimeSpan? retryAfter = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        System = system;
        Kind = kind;
        ErrorCode = errorCode;
        HttpStatus = httpStatus;
        RetryAfter = retryAfter;
    }

    /// <summary>Gets the system that failed.</summary>
    public string System { get; }

    /// <summary>Gets how the pipeline treats this failure.</summary>
    public ErrorKind Kind { get; }

    /// <summary>Gets the machine-readable error code.</summary>
    public string ErrorCode { get; }

    /// <summary>Gets the HTTP status code, when there was one.</summary>
    public int? HttpStatus { get; }

    /// <summary>Gets the delay the system asked for (Retry-After), when it gave one.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Gets whether a retry may succeed.</summary>
    public bool IsRetryable => Kind is ErrorKind.Transient or ErrorKind.Throttled or ErrorKind.QuotaExhausted;
}
