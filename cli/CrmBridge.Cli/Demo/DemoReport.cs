namespace CrmBridge.Cli.Demo;

/// <summary>The demo's result: per-route counts, API calls per system, timings, and whether everything converged.</summary>
/// <param name="Crm">The CRM.</param>
/// <param name="Records">The customers seeded.</param>
/// <param name="Routes">One row per route.</param>
/// <param name="ApiCalls">API calls served per system (sandbox request counters, seeding excluded).</param>
/// <param name="Envelopes">Envelopes the host processed.</param>
/// <param name="ToErpSeconds">Seconds until the ERP held everything.</param>
/// <param name="BackToCrmSeconds">Seconds until the ERP's changes were back in the CRM.</param>
/// <param name="DeadLetters">Open dead letters at the end.</param>
/// <param name="Converged">Whether every record converged with no dead letter.</param>
/// <param name="DeadLetterSamples">Up to five dead letters (record, code, reason) to show why it did not converge.</param>
internal sealed record DemoReport(
    string Crm,
    int Records,
    IReadOnlyList<DemoRouteRow> Routes,
    IReadOnlyDictionary<string, long> ApiCalls,
    long Envelopes,
    double ToErpSeconds,
    double BackToCrmSeconds,
    int DeadLetters,
    bool Converged,
    IReadOnlyList<string> DeadLetterSamples)
{
    /// <summary>Gets the API calls per direction and system, next to the minimum the APIs' limits allow.</summary>
    public IReadOnlyList<DemoDirectionCalls> DirectionCalls { get; init; } = [];

    /// <summary>Gets what the CRM records show per route with sync status fields (checked at the end).</summary>
    public IReadOnlyList<DemoStatusRow> SyncStatus { get; init; } = [];

    /// <summary>Gets the story of the record made unmappable on purpose: failed with the reason, then synced after the fix.</summary>
    public IReadOnlyList<string> Unmappable { get; init; } = [];

    /// <summary>Gets, per system, the change polls per minute that return nothing (measured while idle): the polling floor.</summary>
    public IReadOnlyDictionary<string, double> IdlePollsPerMinute { get; init; } = new Dictionary<string, double>();

    /// <summary>Gets the records delivered per second over the whole run.</summary>
    public double RecordsPerSecond => (ToErpSeconds + BackToCrmSeconds) <= 0 ? 0 : Routes.Sum(r => r.InTarget) / (ToErpSeconds + BackToCrmSeconds);

    /// <summary>Gets the API calls (all systems) per delivered record.</summary>
    public double ApiCallsPerRecord => Routes.Sum(r => r.InTarget) == 0 ? 0 : ApiCalls.Values.Sum() / (double)Routes.Sum(r => r.InTarget);
}
