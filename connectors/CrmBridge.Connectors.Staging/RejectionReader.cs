using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Connectors.Staging;

/// <summary>Claims rejected rows for one bridge host and acknowledges them once surfaced (<c>error</c> → <c>dead</c>).</summary>
internal sealed class RejectionReader(StagingDatabase db, ILogger logger)
{
    /// <summary>Gets this host's claim mark (<c>locked_by</c>); other hosts leave its claims alone until the lease ends.</summary>
    public string Owner { get; } = Truncate($"crmbridge:{Guid.NewGuid():N}:{Environment.MachineName}", 64);

    public async Task<IReadOnlyList<DeliveryRejection>> ReadAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var rejections = await db.RunAsync("claiming rejected rows", (c, ct) => ClaimAsync(c, limit, ct), cancellationToken).ConfigureAwait(false);
        if (rejections.Count > 0)
        {
            StagingConnectorLog.RejectionsClaimed(logger, db.System, rejections.Count);
        }

        return rejections;
    }

    public Task<bool> AcknowledgeAsync(DeliveryRejection rejection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        var parts = rejection.Receipt.Split(':');
        if (parts.Length != 2 || !long.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var rowId))
        {
            throw new ArgumentException($"'{rejection.Receipt}' is not a receipt of this connector.", nameof(rejection));
        }

        return db.RunAsync("acknowledging a rejected row", async (c, ct) =>
        {
            await using var command = StagingDatabase.Command(c, db.Dialect.AcknowledgeRejection(db.Tables), ("id", rowId), ("hash", parts[1]));
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    private async Task<List<DeliveryRejection>> ClaimAsync(DbConnection connection, int limit, CancellationToken cancellationToken)
    {
        await using var command = StagingDatabase.Command(connection, db.Dialect.ClaimRejections(db.Tables),
            ("owner", Owner), ("lease_seconds", db.Options.RejectionLease.TotalSeconds), ("limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rejections = new List<(long RowId, DeliveryRejection Rejection)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var rowId = reader.GetInt64(0);
            rejections.Add((rowId, new DeliveryRejection(
                new RecordRef(db.System, reader.GetString(1), reader.GetString(2)),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? "(the ERP gave no message)" : reader.GetString(5),
                reader.GetInt32(6),
                reader.IsDBNull(7) ? reader.GetFieldValue<DateTimeOffset>(8) : reader.GetFieldValue<DateTimeOffset>(7),
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{rowId}:{reader.GetString(3)}"))));
        }

        return rejections.OrderBy(r => r.RowId).Select(r => r.Rejection).ToList();
    }
}
