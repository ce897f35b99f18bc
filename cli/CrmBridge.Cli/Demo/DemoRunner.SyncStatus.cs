using CrmBridge.Cli.Hosting;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Cli.Demo;

/// <content>The sync status on the CRM records: the unmappable order's mapping fix and replay, and the final check.</content>
internal sealed partial class DemoRunner
{
    private static readonly TimeSpan FixTimeout = TimeSpan.FromSeconds(60);

    private IHost BuildHost(IConfiguration configuration, DemoSettings settings, Action<IServiceCollection>? instrument = null) =>
        BridgeHostFactory.Build(configuration, workers: true, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(_loggers);
            instrument?.Invoke(builder.Services);
            if (settings.FunctionsHost)
            {
                UseFunctionsTrigger(builder.Services);
            }
        });

    /// <summary>
    /// Shows the unmappable order as it is ("failed" and the reason), fixes the mapping, restarts the host on it, replays
    /// the order's dead letter and waits until the order shows "synced".
    /// </summary>
    private async Task<IReadOnlyList<string>> FixAndReplayAsync(DemoUnmappable unmappable, IDemoCrm crm, IConfiguration configuration, DemoSettings settings, CancellationToken cancellationToken)
    {
        var record = $"{crm.System}/{unmappable.Route.SourceEntity}/{unmappable.Id}";
        var (status, error) = unmappable.Shown(crm);
        var story = new List<string> { $"{record} made unmappable: {status ?? "(no status)"} — {error ?? "(no reason)"}" };
        await _progress.WriteLineAsync($"Fixing the mapping {Path.GetFileName(unmappable.File)} (orders without a number get a default one) and replaying…").ConfigureAwait(false);
        unmappable.FixMapping();
        using var host = BuildHost(configuration, settings);
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        var replayed = await host.Services.GetRequiredService<DeadLetterService>()
            .ReplayAllAsync(new DeadLetterQuery(System: crm.System), null, cancellationToken).ConfigureAwait(false);
        var deadline = DateTime.UtcNow + FixTimeout;
        var worker = host.Services.GetRequiredService<Pipeline.Hosting.SyncWorker>();
        var queue = host.Services.GetRequiredService<Pipeline.Queueing.IWorkQueue>();
        while ((unmappable.Shown(crm).Status != "synced" || worker.InFlight > 0 || await queue.CountAsync(cancellationToken).ConfigureAwait(false) > 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
        }

        await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        var fields = unmappable.Route.SyncStatus!;
        var after = crm.Read(unmappable.Route.SourceEntity, unmappable.Id);
        story.Add($"after the mapping fix and {replayed} replay(s): {DemoUnmappable.Text(after, fields.Status) ?? "(no status)"}, ERP number {DemoUnmappable.Text(after, fields.ErpNumber) ?? "-"}, error {(string.IsNullOrEmpty(DemoUnmappable.Text(after, fields.Error)) ? "cleared" : "still set")}");
        return story;
    }

    /// <summary>Counts, per CRM → ERP route with status fields, the CRM records showing "synced" with an ERP number, and "failed".</summary>
    private static IReadOnlyList<DemoStatusRow> StatusRows(IDemoCrm crm, IReadOnlyList<SyncRoute> outbound, IReadOnlyDictionary<string, int> seeded)
    {
        var rows = new List<DemoStatusRow>();
        foreach (var route in outbound.Where(r => r.SyncStatus?.Status is not null))
        {
            var fields = route.SyncStatus!;
            var records = crm.Ids(route.SourceEntity).Select(id => crm.Read(route.SourceEntity, id)).ToList();
            var synced = records.Count(r => DemoUnmappable.Text(r, fields.Status) == "synced" && (fields.ErpNumber is null || !string.IsNullOrEmpty(DemoUnmappable.Text(r, fields.ErpNumber))));
            var failed = records.Count(r => DemoUnmappable.Text(r, fields.Status) == "failed");
            rows.Add(new DemoStatusRow(route.Name, route.SourceEntity, seeded.GetValueOrDefault(route.SourceEntity), synced, failed));
        }

        return rows;
    }

    private static string CopyMappings(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return to;
    }
}
