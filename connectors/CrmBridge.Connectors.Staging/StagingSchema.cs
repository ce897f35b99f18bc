using Microsoft.Extensions.Logging;

namespace CrmBridge.Connectors.Staging;

/// <summary>Runs the dialect's idempotent DDL in one transaction, serialized by the dialect's schema lock.</summary>
internal sealed class StagingSchema(StagingDatabase db, ILogger<StagingSchema> logger) : IStagingSchema
{
    public string Script => StagingDdl.Script(db.Dialect, db.Tables);

    public async Task CreateAsync(CancellationToken cancellationToken)
    {
        var statements = db.Dialect.CreateSchema(db.Tables);
        await db.RunAsync("creating the staging tables", async (connection, ct) =>
        {
            await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            foreach (var sql in statements.Prepend(db.Dialect.SchemaLock(db.Tables)))
            {
                await using var command = StagingDatabase.Command(connection, sql);
                command.Transaction = transaction;
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return statements.Count;
        }, cancellationToken).ConfigureAwait(false);
        StagingConnectorLog.SchemaEnsured(logger, db.System, db.Tables.Schema, statements.Count);
    }
}
