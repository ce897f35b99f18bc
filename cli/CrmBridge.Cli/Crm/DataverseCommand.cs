using System.CommandLine;
using CrmBridge.Cli.Commands;
using CrmBridge.Cli.Hosting;
using CrmBridge.Connectors;
using CrmBridge.Connectors.Dataverse;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmBridge.Cli.Crm;

/// <summary>
/// <c>crmbridge dataverse register --url U [--entities …] [--status-columns [--prefix crmb] [--solution S]] [--dry-run]</c> and
/// <c>crmbridge dataverse unregister [--dry-run]</c>: the CRM-side install of the webhook (docs/crm-install.md).
/// </summary>
internal sealed class DataverseCommand : ICommandFactory
{
    public Command Create()
    {
        var config = CommandRunner.ConfigOption();
        var url = new Option<string>("--url") { Description = "The webhook endpoint: the Functions app's https://<app>.azurewebsites.net/api/webhooks/dataverse or the host's.", Required = true };
        var entities = new Option<string>("--entities") { Description = "Entities (Connectors:Dataverse:Entities names) to register steps for.", DefaultValueFactory = _ => "accounts,salesorders,incidents" };
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be created, updated or deleted; change nothing." };
        var statusColumns = new Option<bool>("--status-columns") { Description = "Also create the sync-status columns ({prefix}_syncstatus, _erpnumber, _lastsyncedon, _syncerror) where missing." };
        var prefix = new Option<string>("--prefix") { Description = "The publisher customization prefix of the status columns.", DefaultValueFactory = _ => "crmb" };
        var solution = new Option<string?>("--solution") { Description = "The unmanaged solution (unique name) the status columns are added to; default the environment's default solution." };
        var register = new Command("register", "Create or update the webhook service endpoint, the Create/Update/Delete steps (asynchronous, post-operation, filtering attributes from the mappings) and their post images; idempotent.")
        {
            config, url, entities, dryRun, statusColumns, prefix, solution,
        };
        register.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async (output, error, token) =>
        {
            var configuration = BridgeConfiguration.Load(parse.GetValue(config));
            await using var services = Services(configuration);
            var address = Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var parsed) && parsed.Scheme is "https" or "http"
                ? parsed
                : throw new CliException($"--url '{parse.GetValue(url)}' is not an absolute http(s) URL (e.g. https://<app>.azurewebsites.net/api/webhooks/dataverse).");
            var request = new DataverseRegisterRequest(
                address, Split(parse.GetValue(entities)), parse.GetValue(dryRun), parse.GetValue(statusColumns), parse.GetValue(prefix)!, parse.GetValue(solution));
            return await Reported(error, () => new DataverseRegisterRunner(services, configuration, output).RunAsync(request, token)).ConfigureAwait(false);
        }, ct));

        var unregisterDryRun = new Option<bool>("--dry-run") { Description = "List what would be deleted; change nothing." };
        var unregisterConfig = CommandRunner.ConfigOption();
        var unregister = new Command("unregister", "Remove exactly the service endpoint, steps and images 'register' created (names starting 'CrmBridge: '); anything else stays.")
        {
            unregisterConfig, unregisterDryRun,
        };
        unregister.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async (output, error, token) =>
        {
            var configuration = BridgeConfiguration.Load(parse.GetValue(unregisterConfig));
            await using var services = Services(configuration);
            var dry = parse.GetValue(unregisterDryRun);
            return await Reported(error, async () =>
            {
                var changes = await services.GetRequiredService<DataverseRegistrar>()
                    .UnregisterAsync(dry, c => output.WriteLine(c.ToLine(dry)), token).ConfigureAwait(false);
                await output.WriteLineAsync(changes.Count == 0 ? "Nothing to remove: no CrmBridge webhook is registered." : DataverseRegisterRunner.Summary(changes, dry)).ConfigureAwait(false);
                return ExitCodes.Ok;
            }).ConfigureAwait(false);
        }, ct));
        return new Command("dataverse", "Dataverse CRM-side install: register or remove the bridge's webhook steps and status columns.") { register, unregister };
    }

    /// <summary>Runs the work; a Dataverse refusal (privilege, validation) is one line that already says what to do, exit 1.</summary>
    private static async Task<int> Reported(TextWriter error, Func<Task<int>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (ConnectorException ex) when (ex.Kind == ErrorKind.Permanent)
        {
            await error.WriteLineAsync($"error: {ex.Message} [{ex.ErrorCode}]").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
    }

    internal static ServiceProvider Services(IConfiguration configuration)
    {
        if (!configuration.GetSection(DataverseOptions.SectionName).Exists())
        {
            throw new CliException($"{DataverseOptions.SectionName} is not configured: add EnvironmentUrl and the credentials (see docs/dataverse.md) to the configuration.");
        }

        var services = new ServiceCollection().AddLogging().AddCrmBridgeDataverseConnector(configuration).BuildServiceProvider();
        _ = services.GetRequiredService<IOptions<DataverseOptions>>().Value; // validate now: one line per problem
        return services;
    }

    private static List<string> Split(string? list) =>
        (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
