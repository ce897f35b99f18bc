using System.CommandLine;
using CrmBridge.Cli.Hosting;
using CrmBridge.Connectors;
using CrmBridge.Connectors.Staging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Cli.Commands;

/// <summary>
/// <c>crmbridge staging init [--print]</c>: creates the staging and outbox tables (中间表) of <c>Connectors:Staging</c>
/// idempotently, or prints their DDL for a DBA (docs/staging.md).
/// </summary>
internal sealed class StagingCommand : ICommandFactory
{
    public Command Create()
    {
        var config = CommandRunner.ConfigOption();
        var print = new Option<bool>("--print") { Description = "Print the DDL instead of running it (for a DBA; no database connection needed)." };
        var init = new Command("init", $"Create the staging and outbox tables in the database of {StagingConnectorOptions.SectionName} (idempotent), or print their DDL with --print.")
        {
            config,
            print,
        };
        init.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async (output, error, token) =>
        {
            var configuration = BridgeConfiguration.Load(parse.GetValue(config));
            var section = configuration.GetSection(StagingConnectorOptions.SectionName);
            var options = new StagingConnectorOptions();
            section.Bind(options);
            if (parse.GetValue(print))
            {
                await output.WriteAsync(StagingDdl.Script(options)).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            if (!section.Exists())
            {
                throw new CliException(
                    $"{StagingConnectorOptions.SectionName} is not configured: add it to the configuration (the ConnectionString from CRMBRIDGE_{StagingConnectorOptions.SectionName.Replace(":", "__", StringComparison.Ordinal)}__ConnectionString or Key Vault), or use --print for the DDL.");
            }

            await using var services = new ServiceCollection().AddLogging().AddCrmBridgeStagingConnector(configuration).BuildServiceProvider();
            try
            {
                await services.GetRequiredService<IStagingSchema>().CreateAsync(token).ConfigureAwait(false);
            }
            catch (ConnectorException ex)
            {
                await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            await output.WriteLineAsync($"Staging tables ready: {options.Schema}.{options.StagingTable} and {options.Schema}.{options.OutboxTable}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        }, ct));
        return new Command("staging", "SQL staging tables (中间表) of the staging ERP connector.") { init };
    }
}
