using System.CommandLine;
using CrmBridge.Cli.Hosting;
using CrmBridge.Hosting;
using Microsoft.Extensions.Hosting;

namespace CrmBridge.Cli.Commands;

/// <summary><c>crmbridge run</c>: the standalone host — pollers and the sync stage on the configured store until Ctrl+C.</summary>
internal sealed class RunCommand : ICommandFactory
{
    public Command Create()
    {
        var config = CommandRunner.ConfigOption();
        var command = new Command("run", "Run the standalone host: poll the configured systems and sync through the queue until stopped (Ctrl+C stops gracefully; nothing in flight is lost).")
        {
            config,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async (output, _, token) =>
        {
            var configuration = BridgeConfiguration.Load(parse.GetValue(config));
            using var host = BridgeHostFactory.Build(configuration, workers: true);
            await output.WriteLineAsync($"crmbridge: running on {StorageProviders.Resolve(configuration)} storage with mappings from {configuration[ConfigurationKeys.MappingsPath]}. Ctrl+C to stop.").ConfigureAwait(false);
            try
            {
                await host.RunAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // Ctrl+C: the host already shut down gracefully.
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }
}
