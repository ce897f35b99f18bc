using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Connectors.Staging;

/// <summary>
/// Claims rows the ERP job accepted (<c>done</c>, with <c>erp_id</c>/<c>erp_number</c>) whose identity the bridge has not
/// recorded yet, for one bridge host, and marks them recorded once their cross-references are stored.
/// </summary>
internal sealed class AcceptanceReader(StagingDatabase db, ILogger logger)
{
    /// <summary>Gets this host's claim mark (<c>locked_by</c>); other hosts leave its claims alone until the lease ends.</summary>
    public string Owner { get; } = Truncate($"{StagingMarks.Prefix}{Guid.NewGuid():N}:{Environment.MachineName}", 64);

    public async Task<IReadOnlyList<DeliveryAcceptance>> ReadAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var acceptances = await db.RunAsync("claiming accepted rows", (c, ct) => ClaimAsync(c, limit, ct), cancellationToken).ConfigureAwait(false);
        if (acceptances.Count > 0)
        {
            StagingConnectorLog.AcceptancesClaimed(logger, db.System, acceptances.Count);
        }

        return acceptances;
    }

    public async Task<int> AcknowledgeAsync(IReadOnlyList<DeliveryAcceptance> acceptances, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(acceptances);
        if (acceptances.Count == 0)
        {
            return 0;
        }

        var rows = RowsJson(acceptances);
        return await db.RunAsync($"acknowledging {acceptances.Count} accepted rows", async (c, ct) =>
        {
            await using var command = StagingDatabase.Command(c, db.Dialect.AcknowledgeAcceptances(db.Tables), ("rows", rows), ("owner", Owner));
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    private static string RowsJson(IReadOnlyList<DeliveryAcceptance> acceptances)
    {
        var buffer = new ArrayBufferWriter<byte>(acceptances.Count * 96);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var acceptance in acceptances)
            {
                var parts = acceptance.Receipt.Split(':');
                if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var rowId))
                {
                    throw new ArgumentException($"'{acceptance.Receipt}' is not a receipt of this connector.", nameof(acceptances));
                }

                writer.WriteStartObject();
                writer.WriteNumber("id", rowId);
                writer.WriteString("payload_hash", parts[1]);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private async Task<List<DeliveryAcceptance>> ClaimAsync(DbConnection connection, int limit, CancellationToken cancellationToken)
    {
        await using var command = StagingDatabase.Command(connection, db.Dialect.ClaimAcceptances(db.Tables),
            ("owner", Owner), ("lease_seconds", db.Options.RejectionLease.TotalSeconds), ("limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var acceptances = new List<(long RowId, DeliveryAcceptance Acceptance)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var rowId = reader.GetInt64(0);
            acceptances.Add((rowId, new DeliveryAcceptance(
                new RecordRef(db.System, reader.GetString(1), reader.GetString(2)),
                Text(reader, 4),
                Text(reader, 5),
                reader.IsDBNull(6) ? reader.GetFieldValue<DateTimeOffset>(7) : reader.GetFieldValue<DateTimeOffset>(6),
                string.Create(CultureInfo.InvariantCulture, $"{rowId}:{reader.GetString(3)}"))));
        }

        return acceptances.OrderBy(a => a.RowId).Select(a => a.Acceptance).ToList();
    }
}
