namespace CrmBridge.Processes;

/// <summary>How <see cref="CliProcess"/> starts the CLI: which <c>crmbridge.dll</c>, in which folder, with what around it.</summary>
public sealed class CliStartOptions
{
    /// <summary>Gets the CLI assembly.</summary>
    /// <value>Default <see cref="CliProcess.CliDll"/>.</value>
    public string Cli { get; init; } = CliProcess.CliDll;

    /// <summary>Gets the working folder of the process.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>Gets extra environment variables (e.g. <c>CRMBRIDGE_Admin__Key</c>).</summary>
    /// <value>Default none.</value>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets a file in <see cref="WorkingDirectory"/> that every output line is appended to as well.</summary>
    /// <value>Default none.</value>
    public string? LogFile { get; init; }
}
