using System.Text.Json.Nodes;
using CrmBridge.Pipeline.Hosting;
using CrmBridge.Sandbox.Fxiaoke;
using CrmBridge.Sandbox.Hosting;

namespace CrmBridge.Cli.Demo;

/// <summary>The running Fxiaoke sandbox for the demo.</summary>
internal sealed class FxiaokeDemoCrm : IDemoCrm
{
    private readonly FxiaokeSandbox _sandbox;
    private readonly string _ticketObject;

    public FxiaokeDemoCrm(FxiaokeSandbox sandbox, IReadOnlyDictionary<string, string?> settings, string mappingsDirectory, string ticketObject)
    {
        _sandbox = sandbox;
        Settings = settings;
        _ticketObject = ticketObject;
        MappingsDirectory = mappingsDirectory;
        var interval = TimeSpan.FromSeconds(1);
        Polls =
        [
            new PollTarget(System, "AccountObj", interval),
            new PollTarget(System, "SalesOrderObj", interval),
            new PollTarget(System, ticketObject, interval),
        ];
    }

    /// <inheritdoc />
    public string System => "fxiaoke";

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <inheritdoc />
    public string MappingsDirectory { get; }

    /// <inheritdoc />
    public IReadOnlyList<PollTarget> Polls { get; }

    /// <inheritdoc />
    public long ApiCalls => _sandbox.RequestCount;

    /// <inheritdoc />
    public DemoApiLimits Limits { get; } = new(new Connectors.Fxiaoke.FxiaokeOptions().PageSize, 1);

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
            ids.Add(r["_id"]!.ToString());
            return false;
        });
        return ids;
    }

    /// <inheritdoc />
    public void Edit(string entity, string id, JsonObject changes) => _sandbox.UpdateRecord(entity, id, changes);

    /// <inheritdoc />
    public bool Delete(string entity, string id)
    {
        if (_sandbox.GetRecord(entity, id) is null)
        {
            return false;
        }

        _sandbox.InvalidateRecord(entity, id);
        return true;
    }

    /// <inheritdoc />
    public string Create(string entity, JsonObject fields) => _sandbox.CreateRecord(entity, fields);

    /// <inheritdoc />
    public JsonObject? Read(string entity, string id) => _sandbox.GetRecord(entity, id);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, int>> SeedAsync(int customers, IProgress<(int Done, int Total)> progress, CancellationToken cancellationToken) =>
        Task.Run(() => new FxiaokeDemoSeeder(_sandbox, _ticketObject).Seed(customers, progress, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, int>> CountFlowedBackAsync(CancellationToken cancellationToken)
    {
        var orders = _sandbox.CountRecords("SalesOrderObj", r =>
            Has(r, "erp_status__c") && Has(r, "tracking_number__c") && Has(r, "invoice_number__c"));
        var tickets = _sandbox.CountRecords(_ticketObject, r => Has(r, "resolution__c"));
        return Task.FromResult<IReadOnlyDictionary<string, int>>(new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["SalesOrderObj"] = orders,
            [_ticketObject] = tickets,
        });
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _sandbox.DisposeAsync();

    private static bool Has(JsonObject record, string field) =>
        record[field] is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s);
}
