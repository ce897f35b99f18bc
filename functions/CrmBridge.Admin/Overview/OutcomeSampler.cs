using CrmBridge.Pipeline.Operations;

namespace CrmBridge.Admin.Overview;

/// <summary>
/// Takes the overview chart's sample on the host's schedule (standalone: <see cref="Standalone.OutcomeSamplingWorker"/>;
/// Functions: a timer), so the chart has a bar for every <see cref="OutcomeSeries.Interval"/> whether or not anybody
/// had the page open. A page view still samples too; the series keeps at most one sample per interval.
/// </summary>
/// <param name="status">The running totals.</param>
/// <param name="series">The stored samples.</param>
public sealed class OutcomeSampler(StatusService status, OutcomeSeries series)
{
    /// <summary>Samples the running totals when the last sample is an interval old.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when sampled (or when not yet due).</returns>
    public async Task SampleAsync(CancellationToken cancellationToken)
    {
        var report = await status.GetReportAsync(cancellationToken).ConfigureAwait(false);
        await series.SampleAsync(report.Rows, cancellationToken).ConfigureAwait(false);
    }
}
