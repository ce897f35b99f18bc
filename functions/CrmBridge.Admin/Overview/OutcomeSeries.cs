using System.Text.Json;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Admin.Overview;

/// <summary>
/// Counts over time for the overview's chart. The sync log keeps running totals only, so the page keeps samples of them
/// (at most one per <see cref="Interval"/>, the last <see cref="Keep"/>) in one state-store row under the reserved system
/// <see cref="CheckpointSystem"/>; the chart shows the difference between neighbouring samples, the last bar up to now.
/// A sample is taken on the host's schedule (<see cref="OutcomeSampler"/>) and whenever the overview is shown, once the
/// last one is an interval old.
/// </summary>
public sealed class OutcomeSeries(ICheckpointStore store, TimeProvider time)
{
    /// <summary>The reserved checkpoint system.</summary>
    public const string CheckpointSystem = "#admin-series";

    /// <summary>The least time between two samples.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    /// <summary>How many samples are kept (24 hours at one per 15 minutes, within an Azure Table property's size).</summary>
    public const int Keep = 96;

    private const string Row = "outcomes";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Adds the current totals when due and returns the samples with the current totals last.</summary>
    /// <param name="rows">The status rows (running totals).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The samples, oldest first, ending with now.</returns>
    public async Task<IReadOnlyList<OutcomeSample>> SampleAsync(IReadOnlyList<StatusRow> rows, CancellationToken cancellationToken)
    {
        var now = new OutcomeSample(time.GetUtcNow(), rows.Where(r => r.Route.Length > 0).GroupBy(r => r.Route, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new[] { g.Sum(r => r.Delivered), g.Sum(r => r.Skipped), g.Sum(r => r.Filtered), g.Sum(r => r.Retried), g.Sum(r => r.DeadLettered) }, StringComparer.Ordinal));
        var current = await store.GetCheckpointAsync(CheckpointSystem, Row, cancellationToken).ConfigureAwait(false);
        var samples = current is null ? [] : JsonSerializer.Deserialize<List<OutcomeSample>>(current.Value, Json) ?? [];
        if (samples.Count == 0 || now.At - samples[^1].At >= Interval)
        {
            samples.Add(now);
            samples = samples.TakeLast(Keep).ToList();
            // A concurrent writer wins: its sample is as good as ours.
            await store.SaveCheckpointAsync(CheckpointSystem, Row, JsonSerializer.Serialize(samples, Json), current?.ETag, cancellationToken).ConfigureAwait(false);
            return samples;
        }

        return [.. samples, now];
    }
}
