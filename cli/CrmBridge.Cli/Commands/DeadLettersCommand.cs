using System.CommandLine;
using CrmBridge.Cli.Hosting;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmBridge.Cli.Commands;

/// <summary><c>crmbridge deadletters list|show|replay|dismiss</c>: what failed, why, and putting it right.</summary>
internal sealed partial class DeadLettersCommand : ICommandFactory
{
    public Command Create()
    {
        var command = new Command("deadletters", "List, inspect, replay or dismiss changes that could not be synced.");
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateShow());
        command.Subcommands.Add(CreateReplay());
        command.Subcommands.Add(CreateDismiss());
        return command;
    }

    private static async Task<(IHost Host, DeadLetterService Service)> OpenAsync(string? configFile, CancellationToken cancellationToken)
    {
        var host = BridgeHostFactory.Build(BridgeConfiguration.Load(configFile), workers: false);
        await host.Services.GetRequiredService<ISyncStateStore>().InitializeAsync(cancellationToken).ConfigureAwait(false);
        return (host, host.Services.GetRequiredService<DeadLetterService>());
    }

    private static DeadLetterStatus? ParseStatus(string? value) => value?.ToLowerInvariant() switch
    {
        null or "open" => DeadLetterStatus.Open,
        "replayed" => DeadLetterStatus.Replayed,
        "dismissed" => DeadLetterStatus.Dismissed,
        "all" => null,
        _ => throw new CliException($"--status '{value}' is not one of open, replayed, dismissed, all."),
    };
}
