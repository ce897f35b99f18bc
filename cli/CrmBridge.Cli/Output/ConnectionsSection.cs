using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBridge.Hosting;
using CrmBridge.Pipeline.Operations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Cli.Output;

/// <summary>The "connections" section of <c>crmbridge status</c>: one block per configured system (docs/operations.md#health-per-connection).</summary>
internal static class ConnectionsSection
{
    /// <summary>Reads the connections' health.</summary>
    public static Task<IReadOnlyList<ConnectionHealth>> ReadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var configured = ConnectorTable.Configured(services.GetRequiredService<IConfiguration>()).SelectMany(r => r.Systems);
        return services.GetRequiredService<ConnectionHealthService>().GetAsync(configured, cancellationToken);
    }

    /// <summary>Writes the section as text, or (JSON) writes <paramref name="report"/> with a <c>connections</c> array added.</summary>
    public static async Task WriteAsync(TextWriter output, IServiceProvider services, bool json, object report, CancellationToken cancellationToken)
    {
        var connections = await ReadAsync(services, cancellationToken).ConfigureAwait(false);
        if (json)
        {
            var node = JsonSerializer.SerializeToNode(report, CliJson.Options)!.AsObject();
            node["connections"] = JsonSerializer.SerializeToNode(connections, CliJson.Options);
            await output.WriteLineAsync(node.ToJsonString(CliJson.Options)).ConfigureAwait(false);
            return;
        }

        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync("Connections:").ConfigureAwait(false);
        foreach (var c in connections)
        {
            await output.WriteLineAsync($"  {c.System}: {c.Verdict}").ConfigureAwait(false);
            var details = new List<string>();
            if (c.Live?.BaseUrl is { } url)
            {
                details.Add($"base URL {url}");
            }

            details.Add($"circuit {c.Circuit ?? "not used yet"}");
            if (c.Live is { } live)
            {
                details.Add($"last success {Time(live.LastSuccess)}, last failure {Time(live.LastFailure)}{(live.LastErrorCode is null ? "" : $" ({live.LastErrorCode})")}, 429s last hour {live.ThrottledLastHour}");
            }

            if (c.LastFailure is { } failure)
            {
                details.Add($"last dead letter {failure.At:u} ({failure.ErrorCode})");
            }

            await output.WriteLineAsync("    " + string.Join("; ", details)).ConfigureAwait(false);
            foreach (var checkpoint in c.Checkpoints)
            {
                await output.WriteLineAsync($"    {checkpoint.Entity}: checkpoint saved {checkpoint.SavedAt:u} ({Age(checkpoint.Age)} ago)").ConfigureAwait(false);
            }
        }
    }

    private static string Time(DateTimeOffset? at) => at is { } t ? t.ToString("u", CultureInfo.InvariantCulture) : "never";

    private static string Age(TimeSpan age) =>
        age.TotalDays >= 1 ? $"{(int)age.TotalDays} d" : age.TotalHours >= 1 ? $"{(int)age.TotalHours} h" : $"{Math.Max(0, (int)age.TotalMinutes)} min";
}
