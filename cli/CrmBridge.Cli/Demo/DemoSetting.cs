using System.Globalization;

namespace CrmBridge.Cli.Demo;

/// <summary>Builds the configuration entries a demo sandbox hands to its connector's section.</summary>
internal static class DemoSetting
{
    /// <summary>Makes <c>Section:Key</c> entries from option names and values, formatted invariantly.</summary>
    /// <param name="section">The connector's section (<c>Connectors:Zoho</c>).</param>
    /// <param name="values">Option name and value pairs.</param>
    /// <returns>The configuration entries.</returns>
    public static IReadOnlyDictionary<string, string?> For(string section, params (string Key, object? Value)[] values) =>
        values.ToDictionary(v => $"{section}:{v.Key}", v => v.Value is null ? null : Convert.ToString(v.Value, CultureInfo.InvariantCulture), StringComparer.Ordinal);
}
