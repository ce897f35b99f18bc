using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CrmBridge.Connectors;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Pipeline.AzureStorage;

/// <summary>
/// Dead letters: letters in partition <c>letter</c> (row key = id); an index row in partition <c>open</c>, keyed by
/// source record and route, points at the open letter so a repeated failure updates it instead of adding another.
/// The letter is written before its index row, so concurrent workers failing on the same record end with one letter.
/// Dead letters are rare, so one partition per kind is enough and listing filters server-side, sorts client-side.
/// </summary>
internal sealed partial class AzureTableSyncStateStore
{
    private const string LetterPartition = "letter";
    private const string OpenPartition = "open";
    private const int MaxConflictRetries = 10;

    public Task<string> AddDeadLetterAsync(DeadLetter deadLetter, CancellationToken cancellationToken) =>
        RunAsync("add dead letter", async () =>
        {
            ArgumentNullException.ThrowIfNull(deadLetter);
            var envelope = deadLetter.Envelope;
            var indexKey = TableKeys.Of(envelope.System, envelope.Entity, envelope.RecordId, deadLetter.Route is null ? "" : "r:" + deadLetter.Route);
            for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
            {
                var index = await FindAsync(_tables.DeadLetters, OpenPartition, indexKey, cancellationToken).ConfigureAwait(false);
                if (index is not null)
                {
                    var id = index.GetString("LetterId");
                    var letter = await FindAsync(_tables.DeadLetters, LetterPartition, id, cancellationToken).ConfigureAwait(false);
                    if (letter is null || (DeadLetterStatus)(letter.GetInt32("Status") ?? 0) != DeadLetterStatus.Open)
                    {
                        await DeleteAsync(_tables.DeadLetters, OpenPartition, indexKey, index.ETag, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    var updated = ToRow(id, deadLetter, (letter.GetInt32("Occurrences") ?? 1) + 1);
                    if (await TryAsync(() => _tables.DeadLetters.UpdateEntityAsync(updated, letter.ETag, TableUpdateMode.Replace, cancellationToken)).ConfigureAwait(false))
                    {
                        return id;
                    }

                    continue;
                }

                // The letter first, then the index pointing at it: the index never points at a letter still being
                // written. Losing the race for the index (409) means another worker just opened one: drop ours and
                // update theirs on the next pass.
                var newId = Guid.NewGuid().ToString("N")[..16];
                await _tables.DeadLetters.AddEntityAsync(ToRow(newId, deadLetter, 1), cancellationToken).ConfigureAwait(false);
                var indexRow = new TableEntity(OpenPartition, indexKey) { ["LetterId"] = newId };
                if (await TryAsync(() => _tables.DeadLetters.AddEntityAsync(indexRow, cancellationToken)).ConfigureAwait(false))
                {
                    return newId;
                }

                await DeleteAsync(_tables.DeadLetters, LetterPartition, newId, default, cancellationToken).ConfigureAwait(false);
            }

            throw new ConnectorException(AzureErrors.System, ErrorKind.Transient, "DEAD_LETTER_CONFLICT",
                $"The dead letter of {envelope.Source} kept being changed concurrently; retry.");
        });

    public Task<DeadLetter?> GetDeadLetterAsync(string id, CancellationToken cancellationToken) =>
        RunAsync("read dead letter", async () =>
        {
            var row = string.IsNullOrEmpty(id) ? null : await FindAsync(_tables.DeadLetters, LetterPartition, TableKeys.Of(id), cancellationToken).ConfigureAwait(false);
            return row is null ? null : ToDeadLetter(row);
        });

    public Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(DeadLetterQuery query, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<DeadLetter>>("list dead letters", async () =>
        {
            var filters = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {LetterPartition}") };
            if (query.Status is { } status)
            {
                filters.Add(TableClient.CreateQueryFilter($"Status eq {(int)status}"));
            }

            if (query.System is { } system)
            {
                filters.Add(TableClient.CreateQueryFilter($"System eq {system}"));
            }

            if (query.Entity is { } entity)
            {
                filters.Add(TableClient.CreateQueryFilter($"Entity eq {entity}"));
            }

            var all = new List<DeadLetter>();
            await foreach (var row in _tables.DeadLetters.QueryAsync<TableEntity>(string.Join(" and ", filters), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                all.Add(ToDeadLetter(row));
            }

            return all.OrderByDescending(d => d.FailedAt.UtcTicks).Take(Math.Max(0, query.Limit)).ToList();
        });

    public Task<bool> SetDeadLetterStatusAsync(string id, DeadLetterStatus status, CancellationToken cancellationToken) =>
        RunAsync("set dead-letter status", async () =>
        {
            var row = string.IsNullOrEmpty(id) ? null : await FindAsync(_tables.DeadLetters, LetterPartition, TableKeys.Of(id), cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                return false;
            }

            row["Status"] = (int)status;
            await _tables.DeadLetters.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            var indexKey = row.GetString("IndexKey");
            var index = await FindAsync(_tables.DeadLetters, OpenPartition, indexKey, cancellationToken).ConfigureAwait(false);
            if (status != DeadLetterStatus.Open && index?.GetString("LetterId") == id)
            {
                await DeleteAsync(_tables.DeadLetters, OpenPartition, indexKey, index.ETag, cancellationToken).ConfigureAwait(false);
            }
            else if (status == DeadLetterStatus.Open && index is null)
            {
                await TryAsync(() => _tables.DeadLetters.AddEntityAsync(new TableEntity(OpenPartition, indexKey) { ["LetterId"] = id }, cancellationToken)).ConfigureAwait(false);
            }

            return true;
        });

    public Task<int> ResolveDeadLettersAsync(IReadOnlyCollection<(RecordRef Source, string Route)> delivered, CancellationToken cancellationToken) =>
        RunAsync("resolve dead letters", async () =>
        {
            ArgumentNullException.ThrowIfNull(delivered);
            var keys = delivered
                .SelectMany(d => new[]
                {
                    TableKeys.Of(d.Source.System, d.Source.Entity, d.Source.Id, "r:" + d.Route),
                    TableKeys.Of(d.Source.System, d.Source.Entity, d.Source.Id, ""),
                })
                .Distinct(StringComparer.Ordinal)
                .ToList();
            var closed = 0;

            // The open-index partition holds only open letters, so a few OR-ed point filters per query are cheap.
            foreach (var chunk in keys.Chunk(30))
            {
                var filter = $"PartitionKey eq '{OpenPartition}' and ("
                    + string.Join(" or ", chunk.Select(k => TableClient.CreateQueryFilter($"RowKey eq {k}"))) + ")";
                var ids = new List<string>();
                await foreach (var index in _tables.DeadLetters.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    ids.Add(index.GetString("LetterId"));
                }

                foreach (var id in ids)
                {
                    var letter = await FindAsync(_tables.DeadLetters, LetterPartition, id, cancellationToken).ConfigureAwait(false);
                    if (letter is not null && (DeadLetterStatus)(letter.GetInt32("Status") ?? 0) == DeadLetterStatus.Open
                        && await SetDeadLetterStatusAsync(id, DeadLetterStatus.Resolved, cancellationToken).ConfigureAwait(false))
                    {
                        closed++;
                    }
                }
            }

            return closed;
        });

    public Task<IReadOnlyList<DeadLetterCount>> CountOpenDeadLettersAsync(CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<DeadLetterCount>>("count dead letters", async () =>
        {
            // Only the grouping columns travel (a projection): the envelopes are never read.
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {LetterPartition} and Status eq {(int)DeadLetterStatus.Open}");
            var counts = new Dictionary<(string, string, string?), int>();
            await foreach (var row in _tables.DeadLetters.QueryAsync<TableEntity>(filter, select: ["System", "Entity", "Route"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var key = (row.GetString("System"), row.GetString("Entity"), row.GetString("Route"));
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }

            return counts.Select(c => new DeadLetterCount(c.Key.Item1, c.Key.Item2, c.Key.Item3, c.Value)).ToList();
        });

    public Task<int> PurgeDeadLettersAsync(DateTimeOffset failedBefore, CancellationToken cancellationToken) =>
        RunAsync("purge dead letters", async () =>
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {LetterPartition} and FailedAt lt {failedBefore}")
                + TableClient.CreateQueryFilter($" and (Status ne {(int)DeadLetterStatus.Open} or ErrorCode eq {DeadLetterCodes.RejectedInput} or ErrorCode eq {DeadLetterCodes.Poison})");
            var purged = 0;
            await foreach (var row in _tables.DeadLetters.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "IndexKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                // An open letter's index row goes too, so a later failure of the record opens a new letter.
                var indexKey = row.GetString("IndexKey");
                var index = indexKey is null ? null : await FindAsync(_tables.DeadLetters, OpenPartition, indexKey, cancellationToken).ConfigureAwait(false);
                if (index?.GetString("LetterId") == row.RowKey)
                {
                    await DeleteAsync(_tables.DeadLetters, OpenPartition, indexKey!, index.ETag, cancellationToken).ConfigureAwait(false);
                }

                await DeleteAsync(_tables.DeadLetters, LetterPartition, row.RowKey, default, cancellationToken).ConfigureAwait(false);
                purged++;
            }

            return purged;
        });

    private static async Task<bool> TryAsync(Func<Task<Response>> write)
    {
        try
        {
            await write().ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            return false;
        }
    }

    private static TableEntity ToRow(string id, DeadLetter letter, int occurrences)
    {
        var envelope = letter.Envelope;
        var row = new TableEntity(LetterPartition, id)
        {
            ["System"] = envelope.System, ["Entity"] = envelope.Entity, ["RecordId"] = envelope.RecordId,
            ["IndexKey"] = TableKeys.Of(envelope.System, envelope.Entity, envelope.RecordId, letter.Route is null ? "" : "r:" + letter.Route),
            ["Status"] = (int)DeadLetterStatus.Open, ["ErrorCode"] = letter.ErrorCode, ["Reason"] = letter.Reason,
            ["FailedAt"] = letter.FailedAt, ["Occurrences"] = occurrences,
        };
        if (letter.Route is not null)
        {
            row["Route"] = letter.Route;
        }

        TableText.Write(row, "Envelope", EnvelopeCodec.Serialize(envelope));
        TableText.Write(row, "Attempts", JsonSerializer.Serialize(letter.Attempts, EnvelopeCodec.JsonOptions));
        return row;
    }

    private static DeadLetter ToDeadLetter(TableEntity row) => new()
    {
        Id = row.RowKey,
        Route = row.GetString("Route"),
        Status = (DeadLetterStatus)(row.GetInt32("Status") ?? 0),
        ErrorCode = row.GetString("ErrorCode"),
        Reason = row.GetString("Reason"),
        FailedAt = row.GetDateTimeOffset("FailedAt") ?? default,
        Occurrences = row.GetInt32("Occurrences") ?? 1,
        Envelope = EnvelopeCodec.Deserialize(TableText.Read(row, "Envelope")),
        Attempts = JsonSerializer.Deserialize<List<AttemptNote>>(TableText.Read(row, "Attempts"), EnvelopeCodec.JsonOptions) ?? [],
    };
}
