using System.Text.Json.Nodes;
using CrmBridge.Pipeline.Hosting;
using CrmBridge.Sandbox.Hosting;

namespace CrmBridge.Cli.Demo;

/// <summary>
/// A CRM sandbox running for the demo. The host reaches it through the CRM's real connector, registered from the
/// composition module's connector table with <see cref="Settings"/> as configuration, as <c>crmbridge run</c> would.
/// </summary>
internal interface IDemoCrm : IAsyncDisposable
{
    /// <summary>Gets the system name the CRM's connector answers to (names the CRM in routes).</summary>
    string System { get; }

    /// <summary>Gets the configuration entries that point the CRM's connector at the sandbox (<c>Connectors:Zoho:AccountsUrl</c>, …).</summary>
    IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>Gets the folder with this CRM's mappings (CRM → ERP and ERP → CRM).</summary>
    string MappingsDirectory { get; }

    /// <summary>Gets the CRM entities the host polls for changes (customers, orders, complaints).</summary>
    IReadOnlyList<PollTarget> Polls { get; }

    /// <summary>Gets how many API calls the sandbox has served so far.</summary>
    long ApiCalls { get; }

    /// <summary>Gets the API's read page and batch write sizes the bridge uses by default (null: unknown, no minimum shown).</summary>
    DemoApiLimits? Limits => null;

    /// <summary>
    /// Gets how long the seed's last writes stay in the CRM's open change window (records the connector must read again
    /// once their second has closed). The demo starts the bridge after it, as a real first scan meets data older than
    /// that; otherwise the CRM → ERP counts include re-reads of the seed instead of the sync's own calls.
    /// </summary>
    TimeSpan SeedSettle => TimeSpan.Zero;

    /// <summary>Gets the path segment of the CRM's child-row (order line) reads, to count them apart (null: lines come with their order).</summary>
    string? LinesPath => null;

    /// <summary>Gets the sandbox's fault injector (<c>crmbridge sandbox fault --system crm</c>).</summary>
    FaultInjector Faults { get; }

    /// <summary>Gets the base address the sandbox listens on.</summary>
    Uri BaseAddress { get; }

    /// <summary>Lists the ids of one entity's records (<c>GET /control/crm/records/{entity}</c>).</summary>
    /// <param name="entity">The CRM entity (entity set, module, object API name).</param>
    /// <returns>The ids.</returns>
    IReadOnlyList<string> Ids(string entity);

    /// <summary>Changes fields of a record as a CRM user would (a new version the host's poll picks up).</summary>
    /// <param name="entity">The CRM entity.</param>
    /// <param name="id">The record id.</param>
    /// <param name="changes">The fields to set, in the CRM's own shape.</param>
    void Edit(string entity, string id, JsonObject changes);

    /// <summary>Creates a record as a CRM user would (<c>POST /control/crm/records/{entity}</c>).</summary>
    /// <param name="entity">The CRM entity.</param>
    /// <param name="fields">The fields, in the CRM's own shape.</param>
    /// <returns>The new record's id.</returns>
    string Create(string entity, JsonObject fields);

    /// <summary>
    /// Deletes a record as a CRM user would (<c>DELETE /control/crm/records/{entity}/{id}</c>): Zoho moves it to the recycle
    /// bin and its deleted-records list, Dataverse deletes it, Fxiaoke invalidates it (its first step of a delete).
    /// </summary>
    /// <param name="entity">The CRM entity.</param>
    /// <param name="id">The record id.</param>
    /// <returns><see langword="true"/> when it existed.</returns>
    bool Delete(string entity, string id);

    /// <summary>Reads a record as the sandbox stores it (the sync status fields the bridge wrote included).</summary>
    /// <param name="entity">The CRM entity.</param>
    /// <param name="id">The record id.</param>
    /// <returns>The record, or <see langword="null"/> when there is none.</returns>
    JsonObject? Read(string entity, string id);

    /// <summary>
    /// Seeds the CRM: <paramref name="customers"/> customers with a contact each, orders with lines (confirmed, so they
    /// sync) and complaints, reporting progress as it goes.
    /// </summary>
    /// <param name="customers">How many customers.</param>
    /// <param name="progress">Receives (done, total) as records are created.</param>
    /// <param name="cancellationToken">Cancels seeding.</param>
    /// <returns>How many records of each CRM entity were seeded that should reach the ERP.</returns>
    Task<IReadOnlyDictionary<string, int>> SeedAsync(int customers, IProgress<(int Done, int Total)> progress, CancellationToken cancellationToken);

    /// <summary>
    /// Counts the CRM records that show what flowed back from the ERP: orders carrying the ERP's status, tracking number
    /// and invoice number, and complaints carrying the ERP's resolution.
    /// </summary>
    /// <param name="cancellationToken">Cancels the count.</param>
    /// <returns>Per CRM entity, how many records carry the flowed-back values.</returns>
    Task<IReadOnlyDictionary<string, int>> CountFlowedBackAsync(CancellationToken cancellationToken);
}
