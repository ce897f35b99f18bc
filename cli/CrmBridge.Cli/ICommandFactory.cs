using System.CommandLine;

namespace CrmBridge.Cli;

/// <summary>
/// Builds one top-level <c>crmbridge</c> command. Every non-abstract implementation in this assembly is discovered at
/// start-up, so a new command is one new file.
/// </summary>
internal interface ICommandFactory
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command with its options and action.</returns>
    Command Create();
}
