using System.Diagnostics;
using CrmBridge.Connectors;
using CrmBridge.Connectors.Staging;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Sandbox.Staging;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Cli.Demo;

/// <summary>
/// <c>--erp staging</c>: SQL staging tables (中间表) on PostgreSQL — <c>CRMBRIDGE_DEMO_POSTGRES</c> when set, else a throwaway
/// local cluster — with the emulated ERP's job running, reached through the staging connector. The tables are created as
/// <c>crmbridge staging init</c> would; mappings come from <c>mappings/&lt;crm&gt;-staging</c>.
/// </summary>
internal sealed class StagingDemoErp : IDemoErp
{
    /// <summary>The environment variable naming an existing PostgreSQL to use instead of a local throwaway cluster.</summary>
    public const string ConnectionVariable = "CRMBRIDGE_DEMO_POSTGRES";

    // The demo company's material master (the CRM sandboxes' product codes: Zoho Product_Code, Dataverse write-in names).
    private static readonly string[] Materials =
        [.. Enumerable.Range(1, 20).Select(i => $"ZP-{i:D3}"), "Pump housing", "Valve kit", "Bearing set", "Control board", "Gasket pack"];

    private readonly LocalPostgres? _cluster;
    private readonly StagingErp _erp;
    private readonly ActivityListener _statements;
    private readonly string _connection;
    private readonly string _schema;
    private long _calls;

    private StagingDemoErp(LocalPostgres? cluster, StagingErp erp, IReadOnlyDictionary<string, string?> settings, string connection, string schema)
    {
        _cluster = cluster;
        _connection = connection;
        _schema = schema;
        _erp = erp;
        Settings = settings;
        _statements = new ActivityListener
        {
            ShouldListenTo = s => s.Name.StartsWith("Npgsql", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
            ActivityStarted = _ => Interlocked.Increment(ref _calls), // the emulated ERP does not trace its own statements
        };
        ActivitySource.AddActivityListener(_statements);
    }

    /// <inheritdoc />
    public string System => "staging";

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <inheritdoc />
    public long ApiCalls => Interlocked.Read(ref _calls);

    /// <inheritdoc />
    public string MappingsDirectory(string crmMappingsDirectory)
    {
        var folder = crmMappingsDirectory.TrimEnd('/', '\\') + "-staging";
        return Directory.Exists(folder)
            ? folder
            : throw new CliException($"--erp staging has no mappings for this CRM ({folder} does not exist); zoho and dataverse have them.");
    }

    /// <summary>Starts PostgreSQL (or uses <c>CRMBRIDGE_DEMO_POSTGRES</c>), creates the tables and starts the ERP job.</summary>
    /// <param name="context">The demo context.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running ERP.</returns>
    /// <exception cref="CliException">With one line saying how to get PostgreSQL when none is installed.</exception>
    public static async Task<IDemoErp> StartAsync(DemoContext context, CancellationToken cancellationToken)
    {
        LocalPostgres? cluster = null;
        var connection = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (string.IsNullOrWhiteSpace(connection))
        {
            if (LocalPostgres.FindBinaries() is null)
            {
                throw new CliException(LocalPostgres.InstallHint);
            }

            try
            {
                cluster = await LocalPostgres.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException ex)
            {
                throw new CliException($"Could not start a local PostgreSQL for --erp staging: {ex.Message}");
            }

            connection = cluster.ConnectionString;
        }

        try
        {
            return await StartOnAsync(cluster, connection, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ConnectorException or Npgsql.NpgsqlException)
        {
            if (cluster is not null)
            {
                await cluster.DisposeAsync().ConfigureAwait(false);
            }

            throw new CliException($"--erp staging could not prepare its PostgreSQL ({(cluster is null ? ConnectionVariable : "local cluster")}): {ex.Message}");
        }
    }

    private static async Task<IDemoErp> StartOnAsync(LocalPostgres? cluster, string connection, CancellationToken cancellationToken)
    {
        var options = new StagingConnectorOptions { ConnectionString = connection, Schema = "crmbridge_demo_" + Guid.NewGuid().ToString("N")[..8] };
        await using (var services = new ServiceCollection().AddLogging().AddCrmBridgeStagingConnector(configure: o =>
        {
            o.ConnectionString = options.ConnectionString;
            o.Schema = options.Schema;
        }).BuildServiceProvider())
        {
            await services.GetRequiredService<IStagingSchema>().CreateAsync(cancellationToken).ConfigureAwait(false); // as 'crmbridge staging init'
        }

        var erpOptions = new StagingErpOptions { ConnectionString = connection, Schema = options.Schema, ClaimSize = 200, RetryDelay = TimeSpan.FromMilliseconds(500) };
        foreach (var material in Materials)
        {
            erpOptions.Materials.Add(material);
        }

        var erp = await StagingErp.StartAsync(erpOptions, cancellationToken).ConfigureAwait(false);
        erp.StartJob(TimeSpan.FromMilliseconds(100));
        var settings = DemoSetting.For(
            StagingConnectorOptions.SectionName,
            (nameof(StagingConnectorOptions.ConnectionString), connection),
            (nameof(StagingConnectorOptions.Schema), options.Schema),
            (nameof(StagingConnectorOptions.OverlapWindow), TimeSpan.FromSeconds(5)));
        return new StagingDemoErp(cluster, erp, settings, connection, options.Schema);
    }

    /// <inheritdoc />
    public int Count(string entity) => _erp.CountBooked(entity);

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, int>> ActAsync(IReadOnlyList<SyncRoute> inbound, CancellationToken cancellationToken)
    {
        var orders = await _erp.ListBookedKeysAsync("sales_order", cancellationToken).ConfigureAwait(false);
        var cases = await _erp.ListBookedKeysAsync("case", cancellationToken).ConfigureAwait(false);
        var options = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(orders.Select((key, i) => (key, i)), options, async (order, ct) =>
        {
            await _erp.ShipAsync(order.key, $"SF{order.i + 1:D10}", "顺丰速运", ct).ConfigureAwait(false);
            await _erp.InvoiceAsync(order.key, $"INV-{order.i + 1:D6}", ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        await Parallel.ForEachAsync(cases, options, async (key, ct) =>
            await _erp.ResolveCaseAsync(key, "更换故障件 / replaced the faulty part under warranty", ct).ConfigureAwait(false)).ConfigureAwait(false);
        return inbound.ToDictionary(r => r.Name, r => r.SourceEntity == "case" ? cases.Count : orders.Count, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _statements.Dispose();
        await _erp.DisposeAsync().ConfigureAwait(false);
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync().ConfigureAwait(false);
            return;
        }

        // CRMBRIDGE_DEMO_POSTGRES: leave the database as it was found.
        Npgsql.NpgsqlConnection.ClearAllPools();
        await using var connection = new Npgsql.NpgsqlConnection(_connection);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var drop = new Npgsql.NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE", connection);
        await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
