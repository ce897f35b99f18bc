using System.Globalization;
using CrmBridge.Pipeline.Hosting;
using Microsoft.Extensions.Configuration;

namespace CrmBridge.Hosting;

/// <summary>Reads the settings both hosts share (<see cref="ConfigurationKeys"/>), with one error message each.</summary>
public static class HostingConfiguration
{
    /// <summary>
    /// The mappings folder from <c>Mappings:Path</c>, made absolute against <paramref name="contentRoot"/> (or the working
    /// directory). Required: loading every CRM's mappings at once would route ERP changes to CRMs that are not configured.
    /// </summary>
    /// <param name="configuration">The configuration.</param>
    /// <param name="contentRoot">The folder a relative path is resolved against, or <see langword="null"/> for the working directory.</param>
    /// <returns>The absolute folder.</returns>
    /// <exception cref="HostingConfigurationException">When <c>Mappings:Path</c> is not set.</exception>
    public static string MappingsPath(IConfiguration configuration, string? contentRoot = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[ConfigurationKeys.MappingsPath] is { Length: > 0 } path && !string.IsNullOrWhiteSpace(path)
            ? contentRoot is null ? Path.GetFullPath(path) : Path.GetFullPath(path, contentRoot)
            : throw new HostingConfigurationException(
                $"{ConfigurationKeys.MappingsPath} is not configured: set it to the folder of your mapping files (e.g. mappings/dataverse).");
    }

    /// <summary>Reads <c>Polling:Targets</c>, checking every entry (the message names the key, e.g. <c>Polling:Targets:0:Interval</c>).</summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The poll targets (empty when none are configured).</returns>
    /// <exception cref="HostingConfigurationException">When an entry lacks <c>System</c> or <c>Entity</c>, or its <c>Interval</c> is not a positive time span.</exception>
    public static IReadOnlyList<PollTarget> PollTargets(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var targets = new List<PollTarget>();
        foreach (var entry in configuration.GetSection(ConfigurationKeys.PollingTargets).GetChildren())
        {
            var target = new PollTarget(entry["System"] ?? string.Empty, entry["Entity"] ?? string.Empty, PollTarget.DefaultInterval);
            if (!IsComplete(target))
            {
                throw new HostingConfigurationException(
                    $"{PollTargetMessage} {entry.Path} has System '{target.System}' and Entity '{target.Entity}' (e.g. {{ \"System\": \"zoho\", \"Entity\": \"Accounts\", \"Interval\": \"00:00:30\" }}).");
            }

            if (entry["Interval"] is { } text)
            {
                if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var interval) || interval <= TimeSpan.Zero)
                {
                    throw new HostingConfigurationException(
                        $"{entry.Path}:Interval '{text}' is not a positive time span: write hh:mm:ss, e.g. \"00:00:30\" for 30 seconds or \"00:05:00\" for 5 minutes.");
                }

                target.Interval = interval;
            }

            targets.Add(target);
        }

        return targets;
    }

    /// <summary>Gets the message for an incomplete poll target.</summary>
    public static string PollTargetMessage => $"Every {ConfigurationKeys.PollingTargets} entry needs System and Entity.";

    /// <summary>Whether a poll target names both a system and an entity.</summary>
    /// <param name="target">The target.</param>
    /// <returns><see langword="true"/> when both are set.</returns>
    public static bool IsComplete(PollTarget target) =>
        target is not null && !string.IsNullOrWhiteSpace(target.System) && !string.IsNullOrWhiteSpace(target.Entity);

    /// <summary>The changes queue name from <c>QueueName</c>.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <param name="fallback">The name when none is configured.</param>
    /// <returns>The queue name.</returns>
    public static string QueueName(IConfiguration configuration, string fallback)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[ConfigurationKeys.QueueName] is { Length: > 0 } name ? name : fallback;
    }
}
