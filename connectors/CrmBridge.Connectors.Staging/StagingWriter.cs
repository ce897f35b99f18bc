using System.Buffers;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Connectors.Staging;

/// <summary>
/// Stages records: validates each against the table's limits (a bad item fails alone), collapses repeated keys (last wins),
/// sorts by key (concurrent hosts lock rows in the same order, so they cannot deadlock) and writes each chunk of
/// <see cref="StagingConnectorOptions.BatchSize"/> rows as one upsert statement that re-stages a row only when its payload hash changed.
/// </summary>
internal sealed class StagingWriter(StagingDatabase db, ILogger logger)
{
    public const int MaxEntityLength = 32;
    public const int MaxKeyLength = 100;

    private string System => db.System;

    public async Task<IReadOnlyList<BatchItemResult>> UpsertAsync(IReadOnlyList<UpsertRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
        {
            return [];
        }

        var entity = requests[0].Entity;
        if (requests.Any(r => !string.Equals(r.Entity, entity, StringComparison.Ordinal)))
        {
            throw new ArgumentException("All requests of a batch must target the same entity.", nameof(requests));
        }

        var results = new BatchItemResult?[requests.Count];
        var rows = new Dictionary<string, StagedRow>(StringComparer.Ordinal);
        for (var i = 0; i < requests.Count; i++)
        {
            var (row, error) = Prepare(requests[i]);
            if (error is not null)
            {
                results[i] = new BatchItemResult(i, null, error);
            }
            else
            {
                rows[row!.Key] = row; // a repeated key: the last document wins, every occurrence gets its result
            }
        }

        var written = new Dictionary<string, bool>(StringComparer.Ordinal);
        var sorted = rows.Values.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        var statements = 0;
        foreach (var chunk in sorted.Chunk(db.Options.BatchSize))
        {
            statements++;
            await db.RunAsync($"staging {chunk.Length} {entity} rows", (c, ct) => WriteChunkAsync(c, entity, chunk, written, ct), cancellationToken).ConfigureAwait(false);
        }

        var inserted = 0;
        for (var i = 0; i < requests.Count; i++)
        {
            if (results[i] is null)
            {
                var key = requests[i].KeyValue;
                var created = written.TryGetValue(key, out var isNew) && isNew;
                inserted += created ? 1 : 0;
                results[i] = new BatchItemResult(i, new UpsertResult(key, created, null), null);
            }
        }

        StagingConnectorLog.Staged(logger, System, entity, inserted, written.Count - inserted, rows.Count - written.Count,
            results.Count(r => !r!.Succeeded), statements);
        return results!;
    }

    /// <summary>Validates one request and serializes its payload; a problem is a permanent error of that item only.</summary>
    public (StagedRow? Row, ConnectorException? Error) Prepare(UpsertRequest request)
    {
        var entity = request.Entity;
        if (string.IsNullOrWhiteSpace(entity) || entity.Length > MaxEntityLength)
        {
            return (null, Invalid("INVALID_ENTITY", $"{System}: entity '{entity}' must have 1 to {MaxEntityLength} characters (entity_type column)."));
        }

        if (string.IsNullOrEmpty(request.KeyValue))
        {
            return (null, Invalid("VALIDATION", $"{System}: {entity} upsert without a key value."));
        }

        if (request.KeyValue.Length > MaxKeyLength)
        {
            return (null, Invalid("KEY_TOO_LONG", $"{System}: {entity} key has {request.KeyValue.Length} characters; business_key holds at most {MaxKeyLength}."));
        }

        var json = request.Data.ToJsonString();
        if (Encoding.UTF8.GetByteCount(json) is var size && size > db.Options.MaxPayloadBytes)
        {
            return (null, Invalid("PAYLOAD_TOO_LARGE", $"{System}: {entity} {request.KeyValue}: the payload has {size} bytes; the limit is {db.Options.MaxPayloadBytes} ({StagingConnectorOptions.SectionName}:MaxPayloadBytes)."));
        }

        if (db.Dialect.CheckPayload(request.Data, json) is { } reason)
        {
            return (null, Invalid("INVALID_PAYLOAD", $"{System}: {entity} {request.KeyValue}: {reason}."));
        }

        return (new StagedRow(request.KeyValue, json, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))), null);
    }

    private async Task<int> WriteChunkAsync(DbConnection connection, string entity, StagedRow[] chunk, Dictionary<string, bool> written, CancellationToken cancellationToken)
    {
        await using var command = StagingDatabase.Command(connection, db.Dialect.Upsert(db.Tables),
            ("batch_id", Guid.NewGuid().ToString()), ("rows", RowsJson(entity, chunk)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            written[reader.GetString(0)] = reader.GetBoolean(1);
        }

        return chunk.Length;
    }

    private static string RowsJson(string entity, StagedRow[] rows)
    {
        var buffer = new ArrayBufferWriter<byte>(rows.Sum(r => r.Json.Length + r.Key.Length + 120));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var row in rows)
            {
                writer.WriteStartObject();
                writer.WriteString("entity_type", entity);
                writer.WriteString("business_key", row.Key);
                writer.WritePropertyName("payload");
                writer.WriteRawValue(row.Json, skipInputValidation: true);
                writer.WriteString("payload_hash", row.Hash);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private ConnectorException Invalid(string code, string message) => new(System, ErrorKind.Permanent, code, message);
}
