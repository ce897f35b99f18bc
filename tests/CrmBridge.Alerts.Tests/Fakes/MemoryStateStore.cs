using System.Collections.Concurrent;
using System.Globalization;
using CrmBridge.Connectors;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Alerts.Tests.Fakes;

/// <summary>The two state-store ports the alert rules read, in memory (the real adapters pass the contract suite).</summary>
internal sealed class MemoryStateStore : ICheckpointStore, IDeadLetterStore
{
    private readonly ConcurrentDictionary<(string, string), Checkpoint> _checkpoints = new();
    private readonly ConcurrentDictionary<string, DeadLetter> _letters = new();
    private int _next;

    public Task<Checkpoint?> GetCheckpointAsync(string system, string entity, CancellationToken cancellationToken) =>
        Task.FromResult(_checkpoints.TryGetValue((system, entity), out var c) ? c : null);

    public Task<Checkpoint?> SaveCheckpointAsync(string system, string entity, string value, string? expectedETag, CancellationToken cancellationToken)
    {
        var saved = new Checkpoint(value, Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture), DateTimeOffset.UnixEpoch);
        _checkpoints[(system, entity)] = saved;
        return Task.FromResult<Checkpoint?>(saved);
    }

    public Task DeleteCheckpointAsync(string system, string entity, CancellationToken cancellationToken) =>
        Task.FromResult(_checkpoints.TryRemove((system, entity), out _));

    public Task<IReadOnlyList<(string System, string Entity, Checkpoint Checkpoint)>> ListCheckpointsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<(string, string, Checkpoint)>>([.. _checkpoints.Select(c => (c.Key.Item1, c.Key.Item2, c.Value))]);

    public Task<string> AddDeadLetterAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        var id = "dl-" + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        _letters[id] = deadLetter with { Id = id };
        return Task.FromResult(id);
    }

    public Task<DeadLetter?> GetDeadLetterAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(_letters.TryGetValue(id, out var l) ? l : null);

    public Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(DeadLetterQuery query, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DeadLetter>>([.. _letters.Values.Where(l => query.Status is null || l.Status == query.Status).OrderByDescending(l => l.FailedAt).Take(query.Limit)]);

    public Task<bool> SetDeadLetterStatusAsync(string id, DeadLetterStatus status, CancellationToken cancellationToken) =>
        Task.FromResult(_letters.TryGetValue(id, out var l) && _letters.TryUpdate(id, l with { Status = status }, l));

    public Task<int> ResolveDeadLettersAsync(IReadOnlyCollection<(RecordRef Source, string Route)> delivered, CancellationToken cancellationToken) =>
        Task.FromResult(0);

    public Task<IReadOnlyList<DeadLetterCount>> CountOpenDeadLettersAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DeadLetterCount>>(_letters.Values
            .Where(d => d.Status == DeadLetterStatus.Open)
            .GroupBy(d => (d.Envelope.System, d.Envelope.Entity, d.Route))
            .Select(g => new DeadLetterCount(g.Key.System, g.Key.Entity, g.Key.Route, g.Count()))
            .ToList());

    public Task<int> PurgeDeadLettersAsync(DateTimeOffset failedBefore, CancellationToken cancellationToken) => Task.FromResult(0);
}
