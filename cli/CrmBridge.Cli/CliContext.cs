namespace CrmBridge.Cli;

/// <summary>Settings of the current CLI invocation that the hosts it builds need (flows with the async context, so parallel in-process runs stay apart).</summary>
internal static class CliContext
{
    private static readonly AsyncLocal<bool> CurrentVerbose = new();

    /// <summary>Gets or sets a value indicating whether <c>--verbose</c> was given: stack traces on the console.</summary>
    public static bool Verbose
    {
        get => CurrentVerbose.Value;
        set => CurrentVerbose.Value = value;
    }
}
