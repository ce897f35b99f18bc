using System.Text.Json.Nodes;
using CrmBridge.Testing.Connectors;
using Npgsql;

namespace CrmBridge.Connectors.Staging.Tests;

/// <summary>
/// The staging connector on a real PostgreSQL for the shared contract. The system under the connector is the database, so its
/// faults are the database's own: throttling is the server refusing connections (the bridge role's connection limit set to 0
/// → SQLSTATE 53300), a server error is a lock the ERP holds past the connector's lock timeout (→ 55P03). Pooling is off so
/// every call opens a connection and meets the limit. The ERP job runs when the contract asks the system to process writes.
/// </summary>
public sealed class StagingConnectorFixture : IConnectorContractFixture
{
    private StagingTestBed? _bed;
    private NpgsqlConnection? _lockHolder;

    public IConnector Connector => Bed.Connector;

    public ConnectorContractSpec Spec { get; } = new()
    {
        Entity = "customer",
        KeyField = "externalId",
        NameField = "name",
        NewRecord = (key, name) => new JsonObject { ["name"] = name, ["accountNumber"] = key, ["segment"] = "STANDARD" },
        InvalidRecord = key => new JsonObject { ["name"] = "Invalid\u0000Name", ["accountNumber"] = key }, // jsonb cannot hold NUL
        SupportsDelete = false,
    };

    private StagingTestBed Bed => _bed ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync() =>
        _bed = await StagingTestBed.StartAsync(new Dictionary<string, string?> { ["LockTimeout"] = "00:00:00.300" }, pooling: false);

    public void InjectFault(FaultKind kind, int count, TimeSpan retryAfter)
    {
        ClearFaults();
        if (kind == FaultKind.Throttle)
        {
            Admin($"ALTER ROLE {Bed.Role} CONNECTION LIMIT 0");
            return;
        }

        _lockHolder = new NpgsqlConnection(TestPostgres.ConnectionString);
        _lockHolder.Open();
        using var command = new NpgsqlCommand($"BEGIN; LOCK TABLE {Bed.Staging} IN ACCESS EXCLUSIVE MODE", _lockHolder);
        command.ExecuteNonQuery();
    }

    public void ClearFaults()
    {
        _lockHolder?.Dispose(); // closing the session ends its transaction and releases the lock
        _lockHolder = null;
        if (_bed is not null)
        {
            Admin($"ALTER ROLE {Bed.Role} CONNECTION LIMIT -1");
        }
    }

    public async Task ProcessPendingAsync() => await Bed.Erp.RunOnceAsync();

    public async Task DisposeAsync()
    {
        ClearFaults();
        if (_bed is not null)
        {
            await _bed.DisposeAsync();
        }
    }

    private static void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(TestPostgres.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
