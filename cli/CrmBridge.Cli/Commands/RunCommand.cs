using System.CommandLine;
using CrmBridge.Cli.Hosting;
using CrmBridge.Hosting;
using CrmBridge.Mappings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
            Check(configuration, host.Services.GetRequiredService<MappingSet>());
            try
            {
                // Started before the banner, so a configuration the options validation rejects prints only its one line.
                await host.StartAsync(token).ConfigureAwait(false);
                await output.WriteLineAsync($"crmbridge: running on {StorageProviders.Resolve(configuration)} storage with mappings from {configuration[ConfigurationKeys.MappingsPath]}. Ctrl+C to stop.").ConfigureAwait(false);
                await host.WaitForShutdownAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // Ctrl+C: the host shuts down gracefully.
                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    /// <summary>What only <c>run</c> needs: something to poll, and a connector for every poll target and mapping.</summary>
    private static void Check(IConfiguration configuration, MappingSet mappings)
    {
        var targets = HostingConfiguration.PollTargets(configuration);
        if (targets.Count == 0)
        {
            throw new CliException(
                $"{ConfigurationKeys.PollingTargets} is empty, so 'run' would poll nothing: add entries such as {{ \"System\": \"zoho\", \"Entity\": \"Accounts\", \"Interval\": \"00:00:30\" }} (see docs/configuration.md).");
        }

        StartupChecks.PollTargets(configuration, targets);
        StartupChecks.Mappings(configuration, mappings);
    }
}
