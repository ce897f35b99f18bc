using System.Text.Json.Nodes;
using CrmBridge.Pipeline.Hosting;
using CrmBridge.Sandbox.Hosting;
using CrmBridge.Sandbox.Zoho;

namespace CrmBridge.Cli.Demo;

/// <summary>The running Zoho sandbox of the demo.</summary>
internal sealed class ZohoDemoCrm : IDemoCrm
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private readonly ZohoSandbox _sandbox;

    public ZohoDemoCrm(ZohoSandbox sandbox, IReadOnlyDictionary<string, string?> settings, string mappingsDirectory)
    {
        _sandbox = sandbox;
        Settings = settings;
        MappingsDirectory = mappingsDirectory;
        Polls = [.. new[] { "Accounts", "Sales_Orders", "Cases" }.Select(e => new PollTarget(System, e, PollInterval))];
    }

    /// <inheritdoc />
    public string System => "zoho";

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <inheritdoc />
    public string MappingsDirectory { get; }

    /// <inheritdoc />
    public IReadOnlyList<PollTarget> Polls { get; }

    /// <inheritdoc />
    public long ApiCalls => _sandbox.RequestCount;

    /// <inheritdoc />
    public DemoApiLimits Limits { get; } = new(new Connectors.Zoho.ZohoConnectorOptions().PageSize, new Connectors.Zoho.ZohoConnectorOptions().WriteBatchSize)
    {
        // Get records: fields ≤ 50 per call (API-FACTS); the connector reads further field sets by id, 50 fields each.
        MaxFieldsPerRead = 50,
    };

    /// <inheritdoc />
    /// <remarks>Zoho's open window: its clock minus the overlap, to the second (docs/zoho.md).</remarks>
    public TimeSpan SeedSettle { get; } = new Connectors.Zoho.ZohoConnectorOptions().ChangeOverlap + TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    public FaultInjector Faults => _sandbox.Faults;

    /// <inheritdoc />
    public Uri BaseAddress => _sandbox.BaseAddress;

    /// <inheritdoc />
    public IReadOnlyList<string> Ids(string entity)
    {
        var ids = new List<string>();
        _sandbox.CountRecords(entity, r =>
        {
            ids.Add(r["id"]!.ToString());
            return false;
        });
        return ids;
    }

    /// <inheritdoc />
    public void Edit(string entity, string id, JsonObject changes) => _sandbox.UpdateRecord(entity, id, changes);

    /// <inheritdoc />
    public bool Delete(string entity, string id) => _sandbox.DeleteRecord(entity, id);

    /// <inheritdoc />
    public string Create(string entity, JsonObject fields) => _sandbox.CreateRecord(entity, fields);

    /// <inheritdoc />
    public JsonObject? Read(string entity, string id) => _sandbox.GetRecord(entity, id);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, int>> SeedAsync(int customers, IProgress<(int Done, int Total)> progress, CancellationToken cancellationToken) =>
        Task.Run(() => new ZohoDemoSeeder(_sandbox).Seed(customers, progress, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, int>> CountFlowedBackAsync(CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, int> counts = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["Sales_Orders"] = _sandbox.CountRecords("Sales_Orders", r => HasText(r, "Tracking_Number") && HasText(r, "Invoice_Number")),
            ["Cases"] = _sandbox.CountRecords("Cases", r => HasText(r, "Resolution")),
        };
        return Task.FromResult(counts);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _sandbox.DisposeAsync();

    private static bool HasText(JsonObject record, string field) => record[field] is JsonValue v && v.ToString().Length > 0;
}
