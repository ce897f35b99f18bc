using System.Globalization;
using CrmBridge.Hosting;
using CrmBridge.Pipeline;
using CrmBridge.Pipeline.Hosting;
using Microsoft.Extensions.Configuration;

namespace CrmBridge.Cli.Demo;

/// <summary>
/// The configuration the demo's host runs on: what a user would write in <c>crmbridge.json</c> for <c>crmbridge run</c>
/// (storage, mappings, both connectors' sections, poll targets), plus pipeline delays shortened for a demo.
/// </summary>
internal static class DemoConfiguration
{
    /// <summary>Builds the configuration.</summary>
    /// <param name="crm">The running CRM sandbox.</param>
    /// <param name="erp">The running ERP sandbox.</param>
    /// <param name="mappingsDirectory">The mappings folder for this CRM and ERP.</param>
    /// <param name="polls">What to poll.</param>
    /// <param name="database">The SQLite file.</param>
    /// <returns>The configuration.</returns>
    public static IConfiguration Build(IDemoCrm crm, IDemoErp erp, string mappingsDirectory, IEnumerable<PollTarget> polls, string database) =>
        new ConfigurationBuilder().AddInMemoryCollection(Values(crm, erp, mappingsDirectory, polls, database)).Build();

    /// <summary>Builds the configuration entries (flat keys, <c>Section:Key</c>), for a host or a file (<c>crmbridge sandbox</c>).</summary>
    /// <param name="crm">The running CRM sandbox.</param>
    /// <param name="erp">The running ERP sandbox.</param>
    /// <param name="mappingsDirectory">The mappings folder for this CRM and ERP.</param>
    /// <param name="polls">What to poll.</param>
    /// <param name="database">The SQLite file.</param>
    /// <returns>The entries.</returns>
    public static IReadOnlyDictionary<string, string?> Values(IDemoCrm crm, IDemoErp erp, string mappingsDirectory, IEnumerable<PollTarget> polls, string database)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [ConfigurationKeys.StorageProvider] = StorageProviders.Sqlite,
            [ConfigurationKeys.StorageSqlitePath] = database,
            [ConfigurationKeys.MappingsPath] = mappingsDirectory,
            [Pipeline(nameof(PipelineOptions.BaseRetryDelay))] = "00:00:00.500",
            [Pipeline(nameof(PipelineOptions.MaxRetryDelay))] = "00:00:10",
            [Pipeline(nameof(PipelineOptions.DeferralDelay))] = "00:00:00.500",
            [Pipeline(nameof(PipelineOptions.IdleDelay))] = "00:00:00.100",
            [Pipeline(nameof(PipelineOptions.Concurrency))] = "16",
            [Pipeline(nameof(PipelineOptions.Lanes))] = "2",
        };
        foreach (var (key, value) in erp.Settings.Concat(crm.Settings))
        {
            values[key] = value;
        }

        var i = 0;
        foreach (var poll in polls)
        {
            var prefix = $"{ConfigurationKeys.PollingTargets}:{i++}:";
            values[prefix + nameof(PollTarget.System)] = poll.System;
            values[prefix + nameof(PollTarget.Entity)] = poll.Entity;
            values[prefix + nameof(PollTarget.Interval)] = poll.Interval.ToString("c", CultureInfo.InvariantCulture);
        }

        return values;
    }

    private static string Pipeline(string option) => $"{ConfigurationKeys.Pipeline}:{option}";
}
