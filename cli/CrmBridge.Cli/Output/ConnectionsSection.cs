using System.Globalization;
using System.Text.Json;
using CrmBridge.Connectors;
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
            foreach (var line in Details(c))
            {
                await output.WriteLineAsync("    " + line).ConfigureAwait(false);
            }

            foreach (var more in c.Problems.Skip(1))
            {
                await output.WriteLineAsync("    also: " + more.Text).ConfigureAwait(false);
            }
        }
    }

    private static IEnumerable<string> Details(ConnectionHealth c)
    {
        var live = c.Live;
        if (live is not null)
        {
            var auth = live.Authentication switch
            {
                AuthenticationState.Failing => $"failing since {Time(live.AuthenticationFailingSince)} ({live.AuthenticationReason})",
                AuthenticationState.Obtained => live.TokenExpiresAt is { } until ? $"token obtained, valid until {Time(until)}" : "signed in",
                AuthenticationState.Refreshing => "refreshing the token",
                _ => "no token needed yet",
            };
            yield return $"authentication: {auth}; base URL {live.BaseUrl ?? "-"}";
            yield return $"calls: last success {Time(live.LastSuccess)}, last failure {Time(live.LastFailure)}{(live.LastErrorCode is null ? "" : $" ({live.LastErrorCode})")}; 429s last hour {c.ThrottledLastHour}{(live.QuotaRemaining is { } q ? $"; quota left {q}" : "")}; seen {Time(live.RecordedAt)}";
        }

        var circuit = $"circuit {c.Circuit ?? "not used yet"}";
        yield return c.LastFailure is { } failure ? $"{circuit}; last dead letter {failure.At:u} ({failure.ErrorCode})" : circuit;
        foreach (var entity in c.Checkpoints.Select(k => k.Entity).Union(c.Polls.Select(p => p.Entity)).Order(StringComparer.Ordinal))
        {
            yield return $"{entity}: {ChangeDetection(c, entity, live)}";
        }

        foreach (var channel in live?.PushChannels ?? [])
        {
            yield return $"push channel {channel.Name}: expires {Time(channel.ExpiresAt)}, renewed {Time(channel.RenewedAt)}{(channel.Error is null ? "" : $", last renewal failed ({channel.Error})")}";
        }

        if (live?.LastNotificationAt is { } pushed || live?.PushChannels.Count > 0)
        {
            yield return $"last notification received {Time(live?.LastNotificationAt)}";
        }
    }

    private static string ChangeDetection(ConnectionHealth c, string entity, ConnectorHealth? live)
    {
        var parts = new List<string>();
        if (c.Polls.FirstOrDefault(p => p.Entity == entity) is { } poll)
        {
            parts.Add(poll.Succeeded
                ? $"last poll {Time(poll.LastPollAt)} ok ({poll.LastFound} found; changes last found {Time(poll.LastChangesAt)})"
                : $"last poll {Time(poll.LastPollAt)} failed ({poll.ConsecutiveFailures} in a row)");
        }

        if (c.Checkpoints.FirstOrDefault(k => k.Entity == entity) is { } checkpoint)
        {
            parts.Add($"checkpoint saved {checkpoint.SavedAt:u} ({Age(checkpoint.Age)} ago)");
        }

        if (live?.ChangeTokens.FirstOrDefault(t => t.Entity == entity) is { } token)
        {
            parts.Add($"change-tracking token from {Time(token.IssuedAt)}, expires {Time(token.ExpiresAt)}");
        }

        return string.Join("; ", parts);
    }

    private static string Time(DateTimeOffset? at) => at is { } t ? t.ToString("u", CultureInfo.InvariantCulture) : "never";

    private static string Age(TimeSpan age) =>
        age.TotalDays >= 1 ? $"{(int)age.TotalDays} d" : age.TotalHours >= 1 ? $"{(int)age.TotalHours} h" : $"{Math.Max(0, (int)age.TotalMinutes)} min";
}
