using System.Text.Json.Nodes;
using Npgsql;

namespace CrmBridge.Sandbox.Staging;

/// <summary>
/// The ERP side of SQL staging tables (中间表) on a real PostgreSQL: a job that picks up what the bridge staged, validates and
/// books it (or writes an error row), and what the ERP's users do afterwards (ship, invoice, resolve), each published in the
/// outbox. The staging and outbox tables must exist (the bridge creates them: <c>crmbridge staging init</c>).
/// <code>
/// await using var erp = await StagingErp.StartAsync(new StagingErpOptions { ConnectionString = cs, Materials = { "SKU-1" } }, ct);
/// erp.StartJob(TimeSpan.FromMilliseconds(200));           // or: await erp.RunOnceAsync(ct);
/// await erp.ShipAsync("order-key", "SF1234567890", "SF Express", ct);
/// await erp.InvoiceAsync("order-key", "INV-0001", ct);
/// await erp.ResolveCaseAsync("case-key", "Replaced the unit", ct);
/// </code>
/// </summary>
public sealed class StagingErp : IAsyncDisposable
{
    private readonly NpgsqlDataSource _db;
    private readonly StagingErpSql _sql;
    private readonly StagingErpBooks _books;
    private readonly StagingErpJob _job;
    private CancellationTokenSource? _loopStop;
    private Task? _loop;

    private StagingErp(StagingErpOptions options)
    {
        Options = options;
        // The ERP's own statements are not traced: Npgsql activities in the process are then the bridge's alone (the demo
        // counts them as its calls to the ERP, as it counts HTTP calls for the other ERPs).
        _db = new NpgsqlDataSourceBuilder(options.ConnectionString)
            .ConfigureTracing(t => t.ConfigureCommandFilter(_ => false).ConfigureBatchFilter(_ => false))
            .Build();
        _sql = new StagingErpSql(options);
        _books = new StagingErpBooks(_sql);
        _job = new StagingErpJob(_db, options, _sql, _books);
    }

    /// <summary>Gets the options.</summary>
    public StagingErpOptions Options { get; }

    /// <summary>Gets how many job runs failed with an exception while <see cref="StartJob"/> was running (it keeps going).</summary>
    public int JobFailures { get; private set; }

    /// <summary>Creates the ERP's own tables (if missing) and its material master, and returns the emulator.</summary>
    /// <param name="options">The options.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The emulator; dispose it to stop its job.</returns>
    public static async Task<StagingErp> StartAsync(StagingErpOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var erp = new StagingErp(options);
        await using var connection = await erp._db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var ddl in erp._sql.CreateTables)
        {
            await using var command = StagingErpBooks.Command(connection, null, ddl);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await erp.AddMaterialsAsync(options.Materials, cancellationToken).ConfigureAwait(false);
        return erp;
    }

    /// <summary>Runs the staging job once: claims up to <see cref="StagingErpOptions.ClaimSize"/> pending rows and answers each.</summary>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>What the run did.</returns>
    public Task<StagingErpRun> RunOnceAsync(CancellationToken cancellationToken = default) => _job.RunOnceAsync(cancellationToken);

    /// <summary>Starts the job in the background: runs until nothing is claimed, then waits <paramref name="interval"/>.</summary>
    /// <param name="interval">The pause between idle runs.</param>
    public void StartJob(TimeSpan interval)
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("The job is already running.");
        }

        _loopStop = new CancellationTokenSource();
        var stop = _loopStop.Token;
        _loop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    if ((await _job.RunOnceAsync(stop).ConfigureAwait(false)).Claimed > 0)
                    {
                        continue;
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException && !stop.IsCancellationRequested)
                {
                    JobFailures++;
                }

                try
                {
                    await Task.Delay(interval, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }, CancellationToken.None);
    }

    /// <summary>Adds material (物料) codes to the ERP's master data.</summary>
    /// <param name="codes">The codes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when added.</returns>
    public async Task AddMaterialsAsync(IEnumerable<string> codes, CancellationToken cancellationToken = default)
    {
        var list = codes.Distinct(StringComparer.Ordinal).ToArray();
        if (list.Length == 0)
        {
            return;
        }

        await using var connection = await _db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = StagingErpBooks.Command(connection, null, $"INSERT INTO {_sql.Materials} (code) SELECT unnest(@codes) ON CONFLICT DO NOTHING", ("codes", list));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An ERP user ships an order: status SHIPPED with the waybill; published as a <c>shipment</c> outbox row.</summary>
    public Task<JsonObject> ShipAsync(string orderKey, string trackingNumber, string carrier, CancellationToken cancellationToken = default) =>
        ChangeOrderAsync(orderKey, "shipment", "status = 'SHIPPED', tracking_number = @a, carrier = @b", trackingNumber, carrier, cancellationToken);

    /// <summary>An ERP user invoices an order: status INVOICED with the invoice number; published as an <c>invoice</c> outbox row.</summary>
    public Task<JsonObject> InvoiceAsync(string orderKey, string invoiceNumber, CancellationToken cancellationToken = default) =>
        ChangeOrderAsync(orderKey, "invoice", "status = 'INVOICED', invoice_number = @a", invoiceNumber, null, cancellationToken);

    /// <summary>An ERP user resolves an after-sales case: status RESOLVED with the resolution; published as <c>case_resolution</c>.</summary>
    public async Task<JsonObject> ResolveCaseAsync(string caseKey, string resolution, CancellationToken cancellationToken = default)
    {
        await using var connection = await _db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = StagingErpBooks.Command(connection, tx,
            $"UPDATE {_sql.Cases} SET status = 'RESOLVED', resolution = @r, version = version + 1 WHERE external_code = @key RETURNING id, number, version",
            ("r", resolution), ("key", caseKey));
        await using var row = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await row.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"The ERP has no case booked for '{caseKey}'.");
        }

        var id = row.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var snapshot = new JsonObject { ["externalId"] = caseKey, ["erpNumber"] = row.GetString(1), ["status"] = "RESOLVED", ["resolution"] = resolution, ["version"] = row.GetInt32(2) };
        await row.DisposeAsync().ConfigureAwait(false);
        await _books.WriteOutboxAsync(connection, tx, "case_resolution", id, caseKey, "updated", snapshot, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return snapshot;
    }

    /// <summary>Reads the ERP's order booked for a staged key (for assertions and the demo).</summary>
    public async Task<JsonObject?> GetOrderAsync(string orderKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await _db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = StagingErpBooks.Command(connection, null,
            $"SELECT number, status, version, tracking_number, carrier, invoice_number FROM {_sql.Orders} WHERE external_code = @key", ("key", orderKey));
        await using var row = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await row.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? StagingErpBooks.OrderSnapshot(orderKey, row.GetString(0), row.GetString(1), row.GetInt32(2), Text(row, 3), Text(row, 4), Text(row, 5))
            : null;
    }

    /// <summary>Lists the staged keys of every record of an entity the ERP has booked, oldest first.</summary>
    /// <param name="entity">The staged entity: <c>customer</c>, <c>sales_order</c> or <c>case</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The keys.</returns>
    public async Task<IReadOnlyList<string>> ListBookedKeysAsync(string entity, CancellationToken cancellationToken = default)
    {
        await using var connection = await _db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = StagingErpBooks.Command(connection, null, $"SELECT external_code FROM {_sql.Books(entity)} ORDER BY id");
        await using var row = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<string>();
        while (await row.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(row.GetString(0));
        }

        return keys;
    }

    /// <summary>Counts the records of an entity the ERP has booked (synchronous, for progress displays).</summary>
    /// <param name="entity">The staged entity: <c>customer</c>, <c>sales_order</c> or <c>case</c>.</param>
    /// <returns>The count.</returns>
    public int CountBooked(string entity)
    {
        using var connection = _db.OpenConnection();
        using var command = StagingErpBooks.Command(connection, null, $"SELECT count(*) FROM {_sql.Books(entity)}");
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Stops the job (if running) and closes the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_loopStop is not null)
        {
            await _loopStop.CancelAsync().ConfigureAwait(false);
            await (_loop ?? Task.CompletedTask).ConfigureAwait(false);
            _loopStop.Dispose();
        }

        await _db.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<JsonObject> ChangeOrderAsync(string orderKey, string outboxType, string set, string a, string? b, CancellationToken cancellationToken)
    {
        await using var connection = await _db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = StagingErpBooks.Command(connection, tx,
            $"UPDATE {_sql.Orders} SET {set}, version = version + 1 WHERE external_code = @key RETURNING id, number, status, version, tracking_number, carrier, invoice_number",
            b is null ? [("a", a), ("key", orderKey)] : [("a", a), ("b", b), ("key", orderKey)]);
        await using var row = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await row.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"The ERP has no order booked for '{orderKey}'.");
        }

        var id = row.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var snapshot = StagingErpBooks.OrderSnapshot(orderKey, row.GetString(1), row.GetString(2), row.GetInt32(3), Text(row, 4), Text(row, 5), Text(row, 6));
        await row.DisposeAsync().ConfigureAwait(false);
        await _books.WriteOutboxAsync(connection, tx, outboxType, id, orderKey, "updated", snapshot, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return snapshot;
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
