namespace CrmBridge.Sandbox.BusinessCentral;

/// <summary>
/// The emulator's data: per company, per entity set, rows by id. All access holds <see cref="Gate"/>; changes are collected
/// per request and published after it commits (a failed snapshot batch publishes nothing).
/// </summary>
internal sealed class BcStore
{
    private Dictionary<Guid, Dictionary<string, Dictionary<Guid, BcRow>>> _data = [];

    public BcStore(IEnumerable<string> companies)
    {
        foreach (var name in companies)
        {
            var id = Guid.NewGuid();
            Companies.Add((id, name));
            _data[id] = new Dictionary<string, Dictionary<Guid, BcRow>>(StringComparer.Ordinal);
        }
    }

    public object Gate { get; } = new();

    public List<(Guid Id, string Name)> Companies { get; } = [];

    public Dictionary<string, long> Counters { get; } = new(StringComparer.Ordinal);

    public Dictionary<Guid, BcRow> Table(Guid company, string set)
    {
        var tables = _data.TryGetValue(company, out var t) ? t : throw new BcApiException(404, "Internal_CompanyNotFound", $"The company '{company}' does not exist.");
        return tables.TryGetValue(set, out var table) ? table : tables[set] = [];
    }

    public bool HasCompany(Guid company) => _data.ContainsKey(company);

    /// <summary>Gets the next number of a number series (<c>C00010</c>, <c>C00020</c>, … like CRONUS, which counts in tens).</summary>
    public string Next(string prefix, int digits, long start)
    {
        var next = Counters[prefix] = (Counters.TryGetValue(prefix, out var current) ? current : start - 10) + 10;
        return prefix + next.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    public Dictionary<Guid, Dictionary<string, Dictionary<Guid, BcRow>>> Snapshot() =>
        _data.ToDictionary(c => c.Key, c => c.Value.ToDictionary(t => t.Key, t => t.Value.ToDictionary(r => r.Key, r => r.Value.Clone()), StringComparer.Ordinal));

    public (Dictionary<Guid, Dictionary<string, Dictionary<Guid, BcRow>>> Data, Dictionary<string, long> Counters) SnapshotAll() =>
        (Snapshot(), new Dictionary<string, long>(Counters, StringComparer.Ordinal));

    public void Restore((Dictionary<Guid, Dictionary<string, Dictionary<Guid, BcRow>>> Data, Dictionary<string, long> Counters) snapshot)
    {
        _data = snapshot.Data;
        Counters.Clear();
        foreach (var (k, v) in snapshot.Counters)
        {
            Counters[k] = v;
        }
    }
}
