namespace CrmBridge.Cli;

/// <summary>The CLI's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The command ran and found a problem (invalid mapping, dead letters, demo did not converge).</summary>
    public const int Failed = 1;

    /// <summary>Bad arguments or bad configuration.</summary>
    public const int Usage = 2;
}
