namespace CrmBridge.Hosting;

/// <summary>The configuration cannot host the bridge; the message names the key and says what to set.</summary>
public sealed class HostingConfigurationException : InvalidOperationException
{
    /// <summary>Initializes a new instance of the <see cref="HostingConfigurationException"/> class.</summary>
    public HostingConfigurationException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="HostingConfigurationException"/> class.</summary>
    /// <param name="message">What is wrong, where, and what to do.</param>
    public HostingConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="HostingConfigurationException"/> class.</summary>
    /// <param name="message">What is wrong, where, and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public HostingConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
