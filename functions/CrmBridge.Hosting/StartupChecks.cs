using CrmBridge.Mappings;
using CrmBridge.Pipeline.Hosting;
using Microsoft.Extensions.Configuration;

namespace CrmBridge.Hosting;

/// <summary>
/// Checks at start that what the configuration asks for can run: every poll target and every mapping's systems have a
/// configured connector. Each failure names the key or file and says what to do, instead of failing on every poll.
/// </summary>
public static class StartupChecks
{
    /// <summary>Checks that every poll target's system has a configured connector.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <param name="targets">The poll targets (<see cref="HostingConfiguration.PollTargets"/>).</param>
    /// <exception cref="HostingConfigurationException">Naming <c>Polling:Targets:N:System</c> and the section to add.</exception>
    public static void PollTargets(IConfiguration configuration, IReadOnlyList<PollTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var configured = ConfiguredSystems(configuration);
        for (var i = 0; i < targets.Count; i++)
        {
            var system = targets[i].System;
            if (!configured.Contains(system))
            {
                throw new HostingConfigurationException(
                    $"{ConfigurationKeys.PollingTargets}:{i}:System '{system}' has no connector: {Fix(system)}, or remove the target (configured: {List(configured)}).");
            }
        }
    }

    /// <summary>Checks that every mapping reads from and writes to a system with a configured connector.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <param name="mappings">The loaded mappings.</param>
    /// <exception cref="HostingConfigurationException">Naming the mapping file and the section to add.</exception>
    public static void Mappings(IConfiguration configuration, MappingSet mappings)
    {
        ArgumentNullException.ThrowIfNull(mappings);
        var configured = ConfiguredSystems(configuration);
        foreach (var route in mappings.Routes)
        {
            foreach (var system in new[] { route.SourceSystem, route.TargetSystem })
            {
                if (!configured.Contains(system))
                {
                    throw new HostingConfigurationException(
                        $"{mappings.FileOf(route)}: mapping '{route.Name}' uses system '{system}', which has no connector: {Fix(system)}, or point {ConfigurationKeys.MappingsPath} at a folder without it (configured: {List(configured)}).");
                }
            }
        }
    }

    private static HashSet<string> ConfiguredSystems(IConfiguration configuration) =>
        ConnectorTable.Configured(configuration).SelectMany(c => c.Systems).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static string Fix(string system) =>
        ConnectorTable.All.FirstOrDefault(c => c.Systems.Contains(system, StringComparer.OrdinalIgnoreCase)) is { } known
            ? $"add a {known.Section} section"
            : $"no connector is called '{system}' (known: {string.Join(", ", ConnectorTable.All.SelectMany(c => c.Systems))})";

    private static string List(HashSet<string> systems) => systems.Count == 0 ? "none" : string.Join(", ", systems.Order(StringComparer.Ordinal));
}
