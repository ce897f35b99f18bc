using System.Collections.Concurrent;
using CrmBridge.Connectors;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Pipeline.Tests.Fakes;

/// <summary>A minimal in-memory state store for unit tests of the stage (the real adapters pass the contract suite).</summary>
internal sealed class InMemorySyncStateStore : ISyncStateStore
{
    private readonly ConcurrentDictionary<(string, string), Checkpoint> _checkpoints = new();
    private readonly ConcurrentDictionary<(string, string), LedgerEntry> _ledger = new();
    private readonly ConcurrentDictionary<(RecordRef, string, string), string> _xrefs = new();
    private readonly ConcurrentDictionary<RecordRef, WriteEcho> _echoes = new();
    private readonly ConcurrentDictionary<string, DeadLetter> _deadLetters = new();
    private readonly Dictionary<RecordRef, string> _leases = [];
    private readonly ConcurrentQueue<SyncOutcome> _outcomes = new();
    private int _etag;

    public IReadOnlyList<DeadLetter> DeadLetters => _deadLetters.Values.OrderBy(d => d.Id, StringComparer.Ordinal).ToList();

    public IReadOnlyList<SyncOutcome> Outcomes => _outcomes.ToList();

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<Checkpoint?> GetCheckpointAsync(string system, string entity, CancellationToken cancellationToken) =>
        Task.FromResult(_checkpoints.TryGetValue((system, entity), out var c) ? c : null);

    public Task<Checkpoint?> SaveCheckpointAsync(string system, string entity, string value, string? expectedETag, CancellationToken cancellationToken)
    {
        lock (_checkpoints)
        {
            _checkpoints.TryGetValue((system, entity), out var current);
            if (current?.ETag != expectedETag)
            {
                return Task.FromResult<Checkpoint?>(null);
            }

            var saved = new Checkpoint(value, Interlocked.Increment(ref _etag).ToString(System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UnixEpoch);
            _checkpoints[(system, entity)] = saved;
            return Task.FromResult<Checkpoint?>(saved);
        }
    }

    /// <summary>Simulates another poller saving first.</summary>
    public void Bump(string system, string entity, string value) =>
        _checkpoints[(system, entity)] = new Checkpoint(value, "other-" + Interlocked.Increment(ref _etag), DateTimeOffset.UnixEpoch);

    public Task DeleteCheckpointAsync(string system, string entity, CancellationToken cancellationToken)
    {
        _checkpoints.TryRemove((system, entity), out _);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<(string System, string Entity, Checkpoint Checkpoint)>> ListCheckpointsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<(string, string, Checkpoint)>>(_checkpoints.Select(p => (p.Key.Item1, p.Key.Item2, p.Value)).ToList());

    public Task<LedgerEntry?> GetLedgerAsync(string route, string sourceId, CancellationToken cancellationToken) =>
        Task.FromResult(_ledger.TryGetValue((route, sourceId), out var e) ? e : null);

    public Task PutLedgerAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        _ledger[(entry.Route, entry.SourceId)] = entry;
        return Task.CompletedTask;
    }

    public Task DeleteLedgerAsync(string route, string sourceId, CancellationToken cancellationToken)
    {
        _ledger.TryRemove((route, sourceId), out _);
        return Task.CompletedTask;
    }

    public Task<int> PurgeTombstonesAsync(DateTimeOffset deletedBefore, CancellationToken cancellationToken)
    {
        var purged = 0;
        foreach (var entry in _ledger.Where(e => e.Value.IsTombstone && e.Value.DeliveredAt < deletedBefore))
        {
            purged += _ledger.TryRemove(entry) ? 1 : 0;
        }

        return Task.FromResult(purged);
    }

    public Task PutCrossReferenceAsync(CrossReference reference, CancellationToken cancellationToken)
    {
        _xrefs[(reference.Left, reference.Right.System, reference.Right.Entity)] = reference.Right.Id;
        _xrefs[(reference.Right, reference.Left.System, reference.Left.Entity)] = reference.Left.Id;
        return Task.CompletedTask;
    }

    public Task<string?> FindCrossReferenceAsync(RecordRef from, string otherSystem, string otherEntity, CancellationToken cancellationToken) =>
        Task.FromResult(_xrefs.TryGetValue((from, otherSystem, otherEntity), out var id) ? id : null);

    public Task DeleteCrossReferenceAsync(RecordRef from, string otherSystem, string otherEntity, CancellationToken cancellationToken)
    {
        if (_xrefs.TryRemove((from, otherSystem, otherEntity), out var id))
        {
            _xrefs.TryRemove(new KeyValuePair<(RecordRef, string, string), string>((new RecordRef(otherSystem, otherEntity, id), from.System, from.Entity), from.Id));
        }

        return Task.CompletedTask;
    }

    public Task PutEchoAsync(WriteEcho echo, CancellationToken cancellationToken)
    {
        _echoes[echo.Record] = echo;
        return Task.CompletedTask;
    }

    public Task<WriteEcho?> GetEchoAsync(RecordRef record, CancellationToken cancellationToken) =>
        Task.FromResult(_echoes.TryGetValue(record, out var e) ? e : null);

    public Task<string> AddDeadLetterAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        lock (_deadLetters)
        {
            var existing = _deadLetters.Values.FirstOrDefault(d => d.Status == DeadLetterStatus.Open && d.Envelope.Source == deadLetter.Envelope.Source && d.Route == deadLetter.Route);
            var id = existing?.Id ?? $"dl-{_deadLetters.Count + 1:D4}";
            _deadLetters[id] = deadLetter with { Id = id, Occurrences = (existing?.Occurrences ?? 0) + 1 };
            return Task.FromResult(id);
        }
    }

    public Task<DeadLetter?> GetDeadLetterAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(_deadLetters.TryGetValue(id, out var d) ? d : null);

    public Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(DeadLetterQuery query, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DeadLetter>>(_deadLetters.Values
            .Where(d => query.Status is null || d.Status == query.Status)
            .Where(d => query.System is null || d.Envelope.System == query.System)
            .Where(d => query.Entity is null || d.Envelope.Entity == query.Entity)
            .OrderByDescending(d => d.FailedAt).Take(query.Limit).ToList());

    public Task<bool> SetDeadLetterStatusAsync(string id, DeadLetterStatus status, CancellationToken cancellationToken)
    {
        if (!_deadLetters.TryGetValue(id, out var d))
        {
            return Task.FromResult(false);
        }

        _deadLetters[id] = d with { Status = status };
        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<DeadLetterCount>> CountOpenDeadLettersAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DeadLetterCount>>(_deadLetters.Values.Where(d => d.Status == DeadLetterStatus.Open)
            .GroupBy(d => (d.Envelope.System, d.Envelope.Entity, d.Route))
            .Select(g => new DeadLetterCount(g.Key.System, g.Key.Entity, g.Key.Route, g.Count())).ToList());

    public Task<int> PurgeDeadLettersAsync(DateTimeOffset failedBefore, CancellationToken cancellationToken)
    {
        var purged = 0;
        foreach (var letter in _deadLetters.Values.Where(d => d.FailedAt < failedBefore
            && (d.Status != DeadLetterStatus.Open || d.ErrorCode is DeadLetterCodes.RejectedInput or DeadLetterCodes.Poison)).ToList())
        {
            purged += _deadLetters.TryRemove(letter.Id, out _) ? 1 : 0;
        }

        return Task.FromResult(purged);
    }

    public Task<int> ResolveDeadLettersAsync(IReadOnlyCollection<(RecordRef Source, string Route)> delivered, CancellationToken cancellationToken)
    {
        var closed = 0;
        foreach (var (id, letter) in _deadLetters.ToList())
        {
            if (letter.Status == DeadLetterStatus.Open
                && delivered.Any(d => d.Source == letter.Envelope.Source && (letter.Route is null || letter.Route == d.Route)))
            {
                _deadLetters[id] = letter with { Status = DeadLetterStatus.Resolved };
                closed++;
            }
        }

        return Task.FromResult(closed);
    }

    public Task<IReadOnlySet<RecordRef>> TryAcquireLeasesAsync(IReadOnlyCollection<RecordRef> records, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        lock (_leases)
        {
            var acquired = new HashSet<RecordRef>();
            foreach (var record in records)
            {
                if (!_leases.TryGetValue(record, out var held) || held == owner)
                {
                    _leases[record] = owner;
                    acquired.Add(record);
                }
            }

            return Task.FromResult<IReadOnlySet<RecordRef>>(acquired);
        }
    }

    public Task ReleaseLeasesAsync(IReadOnlyCollection<RecordRef> records, string owner, CancellationToken cancellationToken)
    {
        lock (_leases)
        {
            foreach (var record in records)
            {
                if (_leases.TryGetValue(record, out var held) && held == owner)
                {
                    _leases.Remove(record);
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task RecordOutcomesAsync(IReadOnlyList<SyncOutcome> outcomes, CancellationToken cancellationToken)
    {
        foreach (var o in outcomes)
        {
            _outcomes.Enqueue(o);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SyncStat>> GetStatsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SyncStat>>(_outcomes.GroupBy(o => (o.System, o.Entity, o.Route))
            .Select(g => new SyncStat(g.Key.System, g.Key.Entity, g.Key.Route, g.GroupBy(o => o.Kind).ToDictionary(k => k.Key, k => (long)k.Count()), g.Max(o => o.At)))
            .ToList());
}
