using System.Globalization;
using System.Text.Json;
using CrmBridge.Pipeline.Queueing;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Pipeline.Sqlite;

/// <summary>
/// The embedded work queue: one row per message in <c>queue_messages</c>. Receiving is one
/// <c>UPDATE … RETURNING</c> statement, so two receivers (threads or processes) never get the same message; each
/// delivery gets a fresh receipt and completing with a stale one deletes nothing.
/// </summary>
internal sealed class SqliteWorkQueue : IWorkQueue, IEnqueuesMany, IReleasesAbandonedLeases, IDisposable
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7);

    private readonly SqliteDatabase _database;
    private readonly EnvelopeCodec _codec;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _instance = Guid.NewGuid().ToString("N")[..12];
    private SqliteConsumerLock? _consumerLock;

    public SqliteWorkQueue(SqliteDatabase database, EnvelopeCodec codec, string queueName, TimeProvider time, ILogger<SqliteWorkQueue> logger)
    {
        _database = database;
        _codec = codec;
        QueueName = queueName;
        _time = time;
        _logger = logger;
    }

    /// <summary>Gets the queue's name inside the file.</summary>
    public string QueueName { get; }

    public async Task EnqueueAsync(ChangeEnvelope envelope, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        CheckRange(delay, nameof(delay));
        var text = await _codec.EncodeAsync(envelope, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        await _database.WriteAsync(
            c => c.Sql("INSERT INTO queue_messages (queue, body, visible_at, enqueued_at) VALUES ($q, $b, $v, $n)")
                .With("$q", QueueName).With("$b", text)
                .With("$v", (now + delay).ToUnixTimeMilliseconds()).With("$n", now.ToUnixTimeMilliseconds())
                .Exec(),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task EnqueueManyAsync(IReadOnlyList<ChangeEnvelope> envelopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        var texts = new string[envelopes.Count];
        for (var i = 0; i < texts.Length; i++)
        {
            texts[i] = await _codec.EncodeAsync(envelopes[i], cancellationToken).ConfigureAwait(false);
        }

        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await _database.WriteAsync(
            c =>
            {
                foreach (var text in texts)
                {
                    c.Sql("INSERT INTO queue_messages (queue, body, visible_at, enqueued_at) VALUES ($q, $b, $v, $n)")
                        .With("$q", QueueName).With("$b", text).With("$v", now).With("$n", now)
                        .Exec();
                }

                return texts.Length;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<QueuedEnvelope>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, 32);
        CheckRange(visibilityTimeout, nameof(visibilityTimeout));
        var now = _time.GetUtcNow();
        // The receipt starts with this queue instance's id, so a later run can tell the leases it did not take itself.
        var receipt = _instance + ":" + Guid.NewGuid().ToString("N");
        var rows = await _database.WriteAsync(
            c => c.Sql("""
                    UPDATE queue_messages SET visible_at = $until, receipt = $r, dequeue_count = dequeue_count + 1
                    WHERE id IN (SELECT id FROM queue_messages WHERE queue = $q AND visible_at <= $now ORDER BY visible_at, id LIMIT $n)
                    RETURNING id, body, dequeue_count
                    """)
                .With("$until", (now + visibilityTimeout).ToUnixTimeMilliseconds()).With("$r", receipt).With("$q", QueueName)
                .With("$now", now.ToUnixTimeMilliseconds()).With("$n", maxMessages)
                .Rows(r => (Id: r.GetInt64(0), Body: r.GetString(1), Count: r.GetInt32(2))),
            cancellationToken).ConfigureAwait(false);

        var messages = new List<QueuedEnvelope>(rows.Count);
        foreach (var row in rows.OrderBy(r => r.Id))
        {
            var id = row.Id.ToString(CultureInfo.InvariantCulture);
            try
            {
                var envelope = await _codec.DecodeAsync(row.Body, cancellationToken).ConfigureAwait(false);
                messages.Add(new QueuedEnvelope(envelope, id, receipt, row.Count));
            }
            catch (JsonException exception)
            {
                await PoisonAsync(row.Id, exception, cancellationToken).ConfigureAwait(false);
            }
        }

        return messages;
    }

    public async Task CompleteAsync(QueuedEnvelope message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var deleted = long.TryParse(message.MessageId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && await _database.WriteAsync(
                c => c.Sql("DELETE FROM queue_messages WHERE id = $id AND queue = $q AND receipt = $r")
                    .With("$id", id).With("$q", QueueName).With("$r", message.Receipt).Exec(),
                cancellationToken).ConfigureAwait(false) == 1;
        if (deleted)
        {
            // Only the delivery that really removed the message may drop its claim check: a newer delivery still needs it.
            await _codec.ReleaseAsync(message.Envelope, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            SqliteLog.LeaseLost(_logger, message.MessageId, QueueName, message.Envelope.CorrelationId);
        }
    }

    public async Task<int> ReleaseAbandonedLeasesAsync(CancellationToken cancellationToken)
    {
        _consumerLock ??= SqliteConsumerLock.TryAcquire(_database.Path);
        if (_consumerLock is null)
        {
            SqliteLog.OtherConsumerAlive(_logger, _database.Path);
            return 0;
        }

        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var released = await _database.WriteAsync(
            c => c.Sql("""
                    UPDATE queue_messages SET visible_at = $now, receipt = NULL
                    WHERE queue = $q AND receipt IS NOT NULL AND visible_at > $now AND substr(receipt, 1, $len) <> $me
                    """)
                .With("$now", now).With("$q", QueueName).With("$len", _instance.Length + 1).With("$me", _instance + ":")
                .Exec(),
            cancellationToken).ConfigureAwait(false);
        if (released > 0)
        {
            SqliteLog.AbandonedLeasesReleased(_logger, released, QueueName);
        }

        return released;
    }

    public void Dispose() => _consumerLock?.Dispose();

    public Task<long> CountAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync(
            c =>
            {
                using var command = c.Sql("SELECT COUNT(*) FROM queue_messages WHERE queue = $q").With("$q", QueueName);
                return (long)command.ExecuteScalar()!;
            },
            cancellationToken);

    private static void CheckRange(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero || value > MaxDelay)
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be between 0 and 7 days (the Azure Storage Queue limits, kept for parity).");
        }
    }

    private Task PoisonAsync(long id, JsonException exception, CancellationToken cancellationToken)
    {
        var poison = QueueName + "-poison";
        SqliteLog.Poisoned(_logger, exception, id.ToString(CultureInfo.InvariantCulture), QueueName, poison);

        // Parked in a queue nobody receives from, so the bad body is kept for inspection but blocks nothing.
        return _database.WriteAsync(
            c => c.Sql("UPDATE queue_messages SET queue = $p WHERE id = $id").With("$p", poison).With("$id", id).Exec(),
            cancellationToken);
    }
}
