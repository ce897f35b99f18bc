using System.CommandLine;
using System.Net;
using CrmBridge.Admin.Standalone;
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
        var adminPort = new Option<int?>("--admin-port") { Description = "Serve the admin page on this port (0 picks a free one); sign-in with Admin:Key (docs/admin.md)." };
        var adminBind = new Option<string>("--admin-bind") { Description = "The address the admin page listens on (default loopback; 0.0.0.0 for every interface, behind TLS).", DefaultValueFactory = _ => "127.0.0.1" };
        var command = new Command("run", "Run the standalone host: poll the configured systems and sync through the queue until stopped (Ctrl+C stops gracefully; nothing in flight is lost).")
        {
            config, adminPort, adminBind,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async (output, _, token) =>
        {
            var configuration = BridgeConfiguration.Load(parse.GetValue(config));
            var admin = AdminEndpointFrom(parse.GetValue(adminPort), parse.GetValue(adminBind)!);
            using var host = BridgeHostFactory.Build(configuration, workers: true, admin is null ? null : b => b.Services.AddCrmBridgeAdminServer(b.Configuration, admin));
            Check(configuration, host.Services.GetRequiredService<MappingSet>());
            try
            {
                // Started before the banner, so a configuration the options validation rejects prints only its one line.
                await host.StartAsync(token).ConfigureAwait(false);
                if (admin is not null)
                {
                    await output.WriteLineAsync($"admin page: {host.Services.GetRequiredService<AdminServer>().Address}").ConfigureAwait(false);
                }

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

    /// <summary>The admin page's endpoint from <c>--admin-port</c> and <c>--admin-bind</c>, or <see langword="null"/> without a port.</summary>
    private static AdminEndpoint? AdminEndpointFrom(int? port, string bind)
    {
        if (port is null)
        {
            return null;
        }

        if (port is < 0 or > 65535)
        {
            throw new CliException($"--admin-port must be between 0 and 65535 (was {port}).");
        }

        return IPAddress.TryParse(bind, out var address)
            ? new AdminEndpoint(address, port.Value)
            : throw new CliException($"--admin-bind '{bind}' is not an IP address: use 127.0.0.1 (the default), ::1, or 0.0.0.0 for every interface.");
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
