namespace CrmBridge.Cli.Demo;

/// <summary>
/// One CRM's part of <c>crmbridge demo --crm NAME</c>: starts that CRM's sandbox and connector. Every non-abstract
/// implementation in this assembly is discovered, so adding a CRM to the demo is one new file.
/// The shared runner (<c>DemoRunner</c>) owns the reference ERP, the standalone host, progress and the summary.
/// </summary>
internal interface IDemoScenario
{
    /// <summary>Gets the value of <c>--crm</c> that selects this scenario (<c>dataverse</c>, <c>zoho</c>, <c>fxiaoke</c>).</summary>
    string Crm { get; }

    /// <summary>Starts the CRM sandbox on loopback and builds the connector talking to it.</summary>
    /// <param name="context">The demo context.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running CRM; disposed by the runner at the end.</returns>
    Task<IDemoCrm> StartAsync(DemoContext context, CancellationToken cancellationToken);
}
