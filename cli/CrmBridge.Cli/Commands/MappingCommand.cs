using System.CommandLine;

namespace CrmBridge.Cli.Commands;

/// <summary><c>crmbridge mapping validate|test</c>: the admins' tools for mapping files.</summary>
internal sealed class MappingCommand : ICommandFactory
{
    /// <summary>Exit code for arguments that cannot be used (missing path, unreadable input).</summary>
    public const int BadArguments = 2;

    /// <inheritdoc />
    public Command Create()
    {
        var command = new Command("mapping", "Validate mapping files and dry-run a mapping against a sample record.");
        command.Subcommands.Add(MappingValidateCommand.Create());
        command.Subcommands.Add(MappingTestCommand.Create());
        return command;
    }
}
