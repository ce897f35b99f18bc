using System.Text.Json.Nodes;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Sandbox.Hosting;

namespace CrmBridge.Cli.Demo;

/// <summary>
/// An ERP sandbox running for the demo (<c>--erp NAME</c>, chosen from <see cref="DemoErps"/>). The host reaches it
/// through the ERP's real connector, configured from <see cref="Settings"/> like any <c>crmbridge run</c>.
/// </summary>
internal interface IDemoErp : IAsyncDisposable
{
    /// <summary>Gets the system name the mappings route to (<c>erp</c>).</summary>
    string System { get; }

    /// <summary>Gets the configuration entries that point the ERP's connector at the sandbox (<c>Connectors:Erp:BaseUrl</c>, …).</summary>
    IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>Gets the mappings folder for a CRM with this ERP: the reference ERP uses the CRM's own folder, another ERP
    /// the CRM's folder for it (<c>mappings/dataverse-businesscentral</c>, <c>mappings/zoho-k3cloud</c>, <c>mappings/zoho-staging</c>).</summary>
    /// <param name="crmMappingsDirectory">The CRM's mappings folder (<c>mappings/dataverse</c>).</param>
    /// <returns>The folder to load.</returns>
    string MappingsDirectory(string crmMappingsDirectory);

    /// <summary>Gets how many API calls the sandbox has served so far.</summary>
    long ApiCalls { get; }

    /// <summary>Gets the API's read page and batch write sizes the bridge uses by default (null: unknown, no minimum shown).</summary>
    DemoApiLimits? Limits => null;

    /// <summary>Gets the sandbox's fault injector (<c>crmbridge sandbox fault --system erp</c>).</summary>
    FaultInjector Faults => throw NotInSandbox();

    /// <summary>Gets the base address the sandbox listens on.</summary>
    Uri BaseAddress => throw NotInSandbox();

    /// <summary>Lists copies of one entity's records (<c>GET /control/erp/records/{entity}</c>).</summary>
    /// <param name="entity">The ERP entity.</param>
    /// <returns>The records.</returns>
    IReadOnlyList<JsonObject> Records(string entity) => throw NotInSandbox();

    /// <summary>Does what an ERP user does to one record, or to every synced record when <paramref name="id"/> is null.</summary>
    /// <param name="action"><c>ship</c>, <c>invoice</c> (orders) or <c>resolve</c> (cases).</param>
    /// <param name="id">The ERP record id, or <see langword="null"/> for all synced records.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The ids acted on.</returns>
    /// <exception cref="KeyNotFoundException">No such record.</exception>
    /// <exception cref="ArgumentException">Unknown action.</exception>
    Task<IReadOnlyList<string>> ActAsync(string action, string? id, CancellationToken cancellationToken) => throw NotInSandbox();

    /// <summary>The error for ERPs whose emulator <c>crmbridge sandbox</c> does not drive yet (it drives the reference ERP).</summary>
    /// <returns>The exception.</returns>
    private static NotSupportedException NotInSandbox() =>
        new("crmbridge sandbox drives the reference ERP only (--erp reference); use crmbridge demo for the other ERPs.");

    /// <summary>Counts the records of <paramref name="entity"/> the sandbox holds.</summary>
    /// <param name="entity">The ERP entity (a route's target entity).</param>
    /// <returns>The count.</returns>
    int Count(string entity);

    /// <summary>Ships and invoices every synced order and resolves every synced complaint, as an ERP user would.</summary>
    /// <param name="inbound">The ERP → CRM routes.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Per route name, how many records should flow back.</returns>
    Task<IReadOnlyDictionary<string, int>> ActAsync(IReadOnlyList<SyncRoute> inbound, CancellationToken cancellationToken);
}
