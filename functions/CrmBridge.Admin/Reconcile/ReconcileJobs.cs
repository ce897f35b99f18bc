using System.Collections.Concurrent;
using CrmBridge.Connectors;
using CrmBridge.Pipeline.Operations;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Admin.Reconcile;

/// <summary>
/// Runs reconciles started from the page in the background of this process (the last <see cref="Keep"/> are kept for
/// their reports). On a scaled-out Functions app the progress is visible on the instance that runs it only.
/// </summary>
public sealed class ReconcileJobs(ReconcileService reconcile, TimeProvider time, ILogger<ReconcileJobs> logger) : IDisposable
{
    /// <summary>How many finished jobs are kept.</summary>
    public const int Keep = 20;

    private readonly ConcurrentDictionary<string, ReconcileJob> _jobs = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Gets the jobs, newest first.</summary>
    public IReadOnlyList<ReconcileJob> All => [.. _jobs.Values.OrderByDescending(j => j.StartedAt)];

    /// <summary>Finds a job.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The job, or <see langword="null"/>.</returns>
    public ReconcileJob? Get(string id) => _jobs.GetValueOrDefault(id);

    /// <summary>Starts a reconcile in the background.</summary>
    /// <param name="request">What to reconcile.</param>
    /// <param name="startedBy">Who started it.</param>
    /// <returns>The job.</returns>
    public ReconcileJob Start(ReconcileRequest request, string startedBy)
    {
        var job = new ReconcileJob(Guid.NewGuid().ToString("N")[..12], request, startedBy, time.GetUtcNow());
        _jobs[job.Id] = job;
        foreach (var old in _jobs.Values.Where(j => j.Done).OrderByDescending(j => j.StartedAt).Skip(Keep))
        {
            _jobs.TryRemove(old.Id, out _);
        }

        _ = Task.Run(() => RunAsync(job), CancellationToken.None);
        return job;
    }

    /// <summary>Cancels running jobs when the host's container is disposed (shutdown).</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task RunAsync(ReconcileJob job)
    {
        try
        {
            job.Report = await reconcile.ReconcileAsync(job.Request, new Progress(job), _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ArgumentException or ConnectorException or OperationCanceledException)
        {
            job.Error = ex is OperationCanceledException ? "The host stopped before the reconcile finished." : ex.Message;
            AdminLog.ReconcileFailed(logger, job.Id, job.Request.System, job.Request.Entity, job.Error);
        }
        catch (Exception ex)
        {
            // A background job's boundary: the page shows the error instead of the process losing it.
            job.Error = $"{ex.GetType().Name}: {ex.Message}";
            AdminLog.ReconcileFailed(logger, job.Id, job.Request.System, job.Request.Entity, job.Error);
        }
    }

    private sealed class Progress(ReconcileJob job) : IProgress<ReconcileProgress>
    {
        public void Report(ReconcileProgress value) => job.SetProgress(value);
    }
}
