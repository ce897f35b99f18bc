using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace CrmBridge.Sandbox.Staging;

/// <summary>
/// The ERP's staging job (ERP-FACTS §3): claims pending rows with <c>FOR UPDATE SKIP LOCKED</c> (several jobs never take
/// the same row; a claim older than <see cref="StagingErpOptions.StaleClaimAfter"/> is taken over), books each in its own
/// transaction and writes the feedback — <c>done</c> with <c>erp_id</c>/<c>erp_number</c>, <c>error</c> with
/// <c>error_code</c>/<c>error_message</c>, or back to <c>pending</c> with <c>next_attempt_at</c> — only while the row still
/// holds the claimed payload (<c>locked_by</c> and <c>payload_hash</c> unchanged).
/// </summary>
internal sealed class StagingErpJob(NpgsqlDataSource db, StagingErpOptions options, StagingErpSql sql, StagingErpBooks books)
{
    public async Task<StagingErpRun> RunOnceAsync(CancellationToken ct)
    {
        var claimed = new List<(long Id, string Entity, string Key, string Payload, string Hash, int Attempts)>();
        await using (var connection = await db.OpenConnectionAsync(ct).ConfigureAwait(false))
        await using (var claim = StagingErpBooks.Command(connection, null, sql.Claim, ("worker", options.Worker), ("limit", options.ClaimSize), ("stale", options.StaleClaimAfter.TotalSeconds)))
        await using (var reader = await claim.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                claimed.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5)));
            }
        }

        var outcomes = new List<StagingErpOutcome>(claimed.Count);
        foreach (var row in claimed.OrderBy(r => r.Id))
        {
            outcomes.Add(await ProcessAsync(row.Id, row.Entity, row.Key, row.Payload, row.Hash, row.Attempts, ct).ConfigureAwait(false));
        }

        return new StagingErpRun(claimed.Count, Count(StagingErpOutcome.Accepted), Count(StagingErpOutcome.Rejected), Count(StagingErpOutcome.Deferred), Count(StagingErpOutcome.Superseded));

        int Count(StagingErpOutcome outcome) => outcomes.Count(o => o == outcome);
    }

    private async Task<StagingErpOutcome> ProcessAsync(long id, string entity, string key, string payloadText, string hash, int attempts, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var verdict = Parse(payloadText) is { } payload
            ? await books.BookAsync(connection, tx, entity, key, payload, ct).ConfigureAwait(false)
            : StagingErpVerdict.Rejected("VALIDATION", "数据格式错误 (the payload is not a JSON object)");
        if (verdict.Outcome == StagingErpOutcome.Deferred && attempts + 1 >= options.MaxAttempts)
        {
            verdict = StagingErpVerdict.Rejected("DEPENDENCY_TIMEOUT", verdict.Message + $"; gave up after {attempts + 1} attempts");
        }

        if (verdict.Outcome != StagingErpOutcome.Accepted)
        {
            // Nothing of a refused or deferred row may stay in the books: start a clean transaction for the feedback.
            await tx.RollbackAsync(ct).ConfigureAwait(false);
            await using var feedbackTx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            var written = await FeedbackAsync(connection, feedbackTx, id, hash, verdict, ct).ConfigureAwait(false);
            await feedbackTx.CommitAsync(ct).ConfigureAwait(false);
            return written ? verdict.Outcome : StagingErpOutcome.Superseded;
        }

        if (!await FeedbackAsync(connection, tx, id, hash, verdict, ct).ConfigureAwait(false))
        {
            await tx.RollbackAsync(ct).ConfigureAwait(false); // the bridge re-staged the row meanwhile: book the new payload next run
            return StagingErpOutcome.Superseded;
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
        return StagingErpOutcome.Accepted;
    }

    private async Task<bool> FeedbackAsync(NpgsqlConnection c, NpgsqlTransaction tx, long id, string hash, StagingErpVerdict verdict, CancellationToken ct)
    {
        var common = new (string, object?)[] { ("id", id), ("worker", options.Worker), ("hash", hash) };
        await using var command = verdict.Outcome switch
        {
            StagingErpOutcome.Accepted => StagingErpBooks.Command(c, tx, sql.Accept, [.. common, ("erp_id", verdict.ErpId), ("erp_number", verdict.ErpNumber)]),
            StagingErpOutcome.Rejected => StagingErpBooks.Command(c, tx, sql.Reject, [.. common, ("code", verdict.Code), ("message", verdict.Message)]),
            _ => StagingErpBooks.Command(c, tx, sql.Defer, [.. common, ("delay", options.RetryDelay.TotalSeconds)]),
        };
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
    }

    private static JsonObject? Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
