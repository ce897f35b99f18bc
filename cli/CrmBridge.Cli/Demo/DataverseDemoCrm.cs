using System.Text.Json.Nodes;
using CrmBridge.Pipeline.Hosting;
using CrmBridge.Sandbox.Dataverse;
using CrmBridge.Sandbox.Hosting;

namespace CrmBridge.Cli.Demo;

/// <summary>The running Dataverse sandbox of the demo.</summary>
internal sealed class DataverseDemoCrm : IDemoCrm
{
    /// <summary>The <c>new_erpstatus</c> choice value for Invoiced (the last state an order reaches in the demo).</summary>
    private const string Invoiced = "100000002";
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private readonly DataverseSandbox _sandbox;

    public DataverseDemoCrm(DataverseSandbox sandbox, IReadOnlyDictionary<string, string?> settings, string mappingsDirectory)
    {
        _sandbox = sandbox;
        Settings = settings;
        MappingsDirectory = mappingsDirectory;
        Polls = [.. new[] { "accounts", "salesorders", "incidents" }.Select(e => new PollTarget(System, e, PollInterval))];
    }

    /// <inheritdoc />
    public string System => "dataverse";

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <inheritdoc />
    public string MappingsDirectory { get; }

    /// <inheritdoc />
    public IReadOnlyList<PollTarget> Polls { get; }

    /// <inheritdoc />
    public long ApiCalls => _sandbox.RequestCount;

    /// <inheritdoc />
    public DemoApiLimits Limits { get; } = new(new Connectors.Dataverse.DataverseOptions().PageSize, new Connectors.Dataverse.DataverseOptions().BatchSize);

    /// <inheritdoc />
    public string LinesPath => "salesorderdetails";

    /// <inheritdoc />
    public FaultInjector Faults => _sandbox.Faults;

    /// <inheritdoc />
    public Uri BaseAddress => _sandbox.BaseAddress;

    /// <inheritdoc />
    public IReadOnlyList<string> Ids(string entity)
    {
        // The sandbox offers counting with a predicate; collecting in it lists ids without another sandbox API.
        var key = DataverseIdColumn(entity);
        var ids = new List<string>();
        _sandbox.Count(entity, r =>
        {
            if (r[key] is JsonValue v)
            {
                ids.Add(v.ToString());
            }

            return false;
        });
        return ids;
    }

    /// <inheritdoc />
    public void Edit(string entity, string id, JsonObject changes) => _sandbox.Update(entity, Guid.Parse(id), changes);

    /// <inheritdoc />
    public bool Delete(string entity, string id) => _sandbox.Delete(entity, Guid.Parse(id));

    /// <inheritdoc />
    public string Create(string entity, JsonObject fields) => _sandbox.Create(entity, fields).ToString();

    /// <inheritdoc />
    public JsonObject? Read(string entity, string id) => _sandbox.Get(entity, Guid.Parse(id));

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, int>> SeedAsync(int customers, IProgress<(int Done, int Total)> progress, CancellationToken cancellationToken) =>
        Task.Run(() => new DataverseDemoSeeder(_sandbox).Seed(customers, progress, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, int>> CountFlowedBackAsync(CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, int> counts = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["salesorders"] = _sandbox.Count("salesorders", r =>
                HasText(r, "new_trackingnumber") && HasText(r, "new_invoicenumber") && r["new_erpstatus"]?.ToJsonString() == Invoiced),
            ["incidents"] = _sandbox.Count("incidents", r => HasText(r, "new_resolution")),
        };
        return Task.FromResult(counts);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _sandbox.DisposeAsync();

    private static string DataverseIdColumn(string entitySet) => entitySet switch
    {
        "salesorders" => "salesorderid",
        "incidents" => "incidentid",
        "salesorderdetails" => "salesorderdetailid",
        _ => entitySet.TrimEnd('s') + "id",
    };

    private static bool HasText(JsonObject record, string field) => record[field] is JsonValue v && v.ToString().Length > 0;
}
