using CrmBridge.Mappings.Abstractions;

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
