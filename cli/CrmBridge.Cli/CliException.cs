namespace CrmBridge.Cli;

/// <summary>A usage or configuration problem the CLI reports as one clear line and exit code 2.</summary>
internal sealed class CliException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="CliException"/> class.</summary>
    /// <param name="message">What was wrong and how to fix it.</param>
    public CliException(string message)
        : base(message)
    {
    }
}
