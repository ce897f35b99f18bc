using System.Globalization;
using CrmBridge.Cli.Output;

namespace CrmBridge.Cli.Demo;

/// <summary>Prints the demo report as a table.</summary>
internal static class DemoSummary
{
    public static async Task WriteAsync(TextWriter output, DemoReport report)
    {
        var table = new TextTable("DIRECTION", "SOURCE", "TARGET", "IN SOURCE", "IN TARGET", "DEAD LETTERS", "ROUTE");
        foreach (var row in report.Routes)
        {
            table.Add(row.Direction, row.Source, row.Target, row.InSource, row.InTarget, row.DeadLettered, row.Route);
        }

        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteAsync(table.ToString()).ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        var calls = new TextTable("SYSTEM", "API CALLS");
        foreach (var (system, count) in report.ApiCalls)
        {
            calls.Add(system, count);
        }

        await output.WriteAsync(calls.ToString()).ConfigureAwait(false);
        if (report.DirectionCalls.Count > 0)
        {
            await WriteEconomyAsync(output, report).ConfigureAwait(false);
        }
        await WriteSyncStatusAsync(output, report).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"\nEnvelopes processed: {report.Envelopes}. CRM → ERP in {report.ToErpSeconds:F1} s, ERP → CRM in {report.BackToCrmSeconds:F1} s; {report.RecordsPerSecond:F0} records/s, {report.ApiCallsPerRecord:F2} API calls per record.")).ConfigureAwait(false);
        await output.WriteLineAsync(report.Converged
            ? "Converged: every record reached its target, no dead letters."
            : $"NOT converged: {report.DeadLetters} dead letters.").ConfigureAwait(false);
        foreach (var sample in report.DeadLetterSamples)
        {
            await output.WriteLineAsync("  " + sample).ConfigureAwait(false);
        }
    }

    private static async Task WriteSyncStatusAsync(TextWriter output, DemoReport report)
    {
        if (report.SyncStatus.Count == 0)
        {
            return;
        }

        await output.WriteLineAsync().ConfigureAwait(false);
        var table = new TextTable("SYNC STATUS ON THE CRM RECORD", "ENTITY", "EXPECTED", "SYNCED + ERP NUMBER", "FAILED");
        foreach (var row in report.SyncStatus)
        {
            table.Add(row.Route, row.Entity, row.Expected, row.Synced, row.Failed);
        }

        await output.WriteAsync(table.ToString()).ConfigureAwait(false);
        foreach (var line in report.Unmappable)
        {
            await output.WriteLineAsync("  " + line).ConfigureAwait(false);
        }
    }

    private static async Task WriteEconomyAsync(TextWriter output, DemoReport report)
    {
        await output.WriteLineAsync().ConfigureAwait(false);
        var economy = new TextTable("DIRECTION", "SYSTEM", "ROLE", "RECORDS", "ALL CALLS", "PAGES", "LINES", "LOOKUPS", "WRITES", "WRITTEN", "RECORD-DRIVEN", "MINIMUM", "× MINIMUM", "ECHO READS", "IDLE POLLS", "OTHER");
        foreach (var row in report.DirectionCalls)
        {
            economy.Add(row.Direction, row.System, row.Role, row.Records, row.Calls, row.ChangeReads, row.LineReads, row.Lookups, row.Writes, row.RecordsWritten, row.RecordDriven,
                row.Minimum?.ToString(CultureInfo.InvariantCulture) ?? "-", row.TimesMinimum is { } t ? t.ToString("F2", CultureInfo.InvariantCulture) : "-",
                row.EchoReads, row.IdlePolls, row.OtherCalls);
        }

        await output.WriteAsync(economy.ToString()).ConfigureAwait(false);
        await output.WriteLineAsync("Minimum (the limits the connectors use by default): reads ⌈records / page size⌉ per source entity (× ⌈fields / fields per call⌉ where the API caps the fields of a read),").ConfigureAwait(false);
        await output.WriteLineAsync("  + ⌈lines / page size⌉ where order lines are read apart from their orders, + ⌈records / batch limit⌉ for sync-status writes; writes ⌈records / batch limit⌉ per target entity:").ConfigureAwait(false);
        foreach (var row in report.DirectionCalls.Where(r => r.MinimumHow is not null))
        {
            await output.WriteLineAsync($"  {row.Direction} {row.System} {row.Role}: {row.MinimumHow}").ConfigureAwait(false);
        }

        await output.WriteLineAsync("Record-driven: pages, line reads, lookups (and writes) on the source; writes and lookups on the target — compared with the minimum.").ConfigureAwait(false);
        await output.WriteLineAsync("Written: records handed to write calls (written ÷ writes = the average batch; more than the records when a record is written twice).").ConfigureAwait(false);
        await output.WriteLineAsync("Echo reads: change polls (and their line reads) returning only the bridge's own writes — the target's, and the source's pages of sync-status versions. Idle polls: change polls that returned nothing (a per-minute cost, independent of the records).").ConfigureAwait(false);
        await output.WriteLineAsync("The CRM's writes in CRM → ERP include the sync-status writes onto the CRM records (docs/sync-status.md).").ConfigureAwait(false);
        await output.WriteLineAsync("Other: token requests and calls outside connector operations. All calls: the system's own counter (includes calls of the demo's pollers of both directions).").ConfigureAwait(false);
        if (report.IdlePollsPerMinute.Count > 0)
        {
            await output.WriteLineAsync("Idle polls per minute while idle: " + string.Join(", ", report.IdlePollsPerMinute.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:F0}")))).ConfigureAwait(false);
        }
    }
}
