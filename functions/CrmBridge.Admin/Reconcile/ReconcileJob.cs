using CrmBridge.Pipeline.Operations;

namespace CrmBridge.Admin.Reconcile;

/// <summary>A reconcile started from the page, running in this process; the page polls its progress.</summary>
public sealed class ReconcileJob
{
    private ReconcileProgress? _progress;

    internal ReconcileJob(string id, ReconcileRequest request, string startedBy, DateTimeOffset startedAt)
    {
        Id = id;
        Request = request;
        StartedBy = startedBy;
        StartedAt = startedAt;
    }

    /// <summary>Gets the job id.</summary>
    public string Id { get; }

    /// <summary>Gets what is reconciled.</summary>
    public ReconcileRequest Request { get; }

    /// <summary>Gets who started it.</summary>
    public string StartedBy { get; }

    /// <summary>Gets when it started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Gets the latest progress.</summary>
    public ReconcileProgress? Progress => Volatile.Read(ref _progress);

    /// <summary>Gets the report once finished.</summary>
    public ReconcileReport? Report { get; internal set; }

    /// <summary>Gets why it failed (one line), or <see langword="null"/>.</summary>
    public string? Error { get; internal set; }

    /// <summary>Gets a value indicating whether it has finished (with a report or an error).</summary>
    public bool Done => Report is not null || Error is not null;

    internal void SetProgress(ReconcileProgress progress) => Volatile.Write(ref _progress, progress);
}
