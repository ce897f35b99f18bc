using System.CommandLine;
using System.Globalization;
using CrmBridge.Cli.Commands;
using CrmBridge.Cli.Hosting;
using CrmBridge.Connectors.Zoho;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmBridge.Cli.Crm;

/// <summary>
/// <c>crmbridge zoho register [--check]</c>: subscribes (or renews) the Zoho notification channels with the same
/// <see cref="ZohoNotificationSubscriber"/> the Functions timer and the standalone host use, or, with <c>--check</c>,
/// prints what Zoho has subscribed (channel, events, expiry, notify URL) and exits 1 when a watched module has no live channel.
/// </summary>
internal sealed class ZohoCommand : ICommandFactory
{
    public Command Create()
    {
        var config = CommandRunner.ConfigOption();
        var check = new Option<bool>("--check") { Description = "Only print what is subscribed (channel, events, expiry); exit 1 when a watched module has no live channel." };
        var register = new Command("register", "Subscribe or renew the Zoho CRM notification channels (actions/watch) for Connectors:Zoho:NotifyUrl, or check them with --check.")
        {
            config, check,
        };
        register.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async (output, _, token) =>
        {
            var configuration = BridgeConfiguration.Load(parse.GetValue(config));
            if (!configuration.GetSection(ZohoConnectorOptions.SectionName).Exists())
            {
                throw new CliException($"{ZohoConnectorOptions.SectionName} is not configured: add the OAuth client and refresh token (see docs/zoho.md).");
            }

            await using var services = new ServiceCollection().AddLogging().AddCrmBridgeZohoConnector(configuration).BuildServiceProvider();
            var options = services.GetRequiredService<IOptions<ZohoConnectorOptions>>().Value;
            var subscriber = services.GetRequiredService<ZohoNotificationSubscriber>();
            if (!parse.GetValue(check))
            {
                if (options.NotifyUrl is null)
                {
                    throw new CliException($"{ZohoConnectorOptions.SectionName}:NotifyUrl is not configured: set it to the public https address of webhooks/zoho (and NotificationToken).");
                }

                foreach (var channel in await subscriber.SubscribeAsync(token).ConfigureAwait(false))
                {
                    await output.WriteLineAsync($"subscribed channel {channel.ChannelId}: {channel.Module}.all -> {options.NotifyUrl}, expires {Format(channel.Expiry)}").ConfigureAwait(false);
                }
            }

            return await CheckAsync(subscriber, options, output, token).ConfigureAwait(false);
        }, ct));
        return new Command("zoho", "Zoho CRM-side install: notification channel subscriptions.") { register };
    }

    private static async Task<int> CheckAsync(ZohoNotificationSubscriber subscriber, ZohoConnectorOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var now = TimeProvider.System.GetUtcNow();
        var channels = await subscriber.ListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var channel in channels)
        {
            var state = channel.Expiry is { } expiry && expiry <= now ? "EXPIRED" : "live";
            await output.WriteLineAsync($"channel {channel.ChannelId} [{state}]: {string.Join(", ", channel.Events)}; expires {Format(channel.Expiry)}; notify {channel.NotifyUrl ?? "?"}").ConfigureAwait(false);
        }

        var watched = (options.NotificationEntities.Count > 0 ? options.NotificationEntities : ["Accounts", "Sales_Orders", "Cases"])
            .Select(e => options.Modules.TryGetValue(e, out var m) && m.ApiName is { Length: > 0 } api ? api : e).ToList();
        var missing = watched.Where(module => !channels.Any(c => (c.Expiry is null || c.Expiry > now) && c.Events.Any(e => e.Split('.')[0] == module))).ToList();
        if (missing.Count == 0)
        {
            await output.WriteLineAsync($"Every watched module has a live channel ({string.Join(", ", watched)}).").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        await output.WriteLineAsync($"No live channel for {string.Join(", ", missing)}: run 'crmbridge zoho register' (the Functions timer or 'crmbridge run' renews them hourly once subscribed).").ConfigureAwait(false);
        return ExitCodes.Failed;
    }

    private static string Format(DateTimeOffset? time) => time?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "unknown";
}
