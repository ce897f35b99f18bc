using CrmBridge.Sandbox.Dataverse;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Connectors.Dataverse.Tests.Registration;

/// <summary>A Dataverse sandbox, the connector's registration services pointed at it, and a capturing webhook endpoint.</summary>
internal sealed class RegistrationTestBed : IAsyncDisposable
{
    public const string Secret = "registration-test-secret";

    private RegistrationTestBed(DataverseSandbox sandbox, ServiceProvider services, WebhookCapture webhook)
    {
        Sandbox = sandbox;
        Services = services;
        Webhook = webhook;
    }

    public DataverseSandbox Sandbox { get; }

    public ServiceProvider Services { get; }

    public WebhookCapture Webhook { get; }

    public DataverseRegistrar Registrar => Services.GetRequiredService<DataverseRegistrar>();

    public DataverseStatusColumns StatusColumns => Services.GetRequiredService<DataverseStatusColumns>();

    public List<DataverseRegistrationChange> Changes { get; } = [];

    public static IReadOnlyList<DataverseStepTarget> DefaultTables =>
    [
        new("accounts", "account", ["accountnumber", "name", "telephone1"]),
        new("salesorders", "salesorder", ["customerid", "ordernumber", "statecode", "totalamount"]),
        new("incidents", "incident", ["prioritycode", "title"]),
    ];

    public static async Task<RegistrationTestBed> StartAsync(Action<DataverseSandboxOptions>? sandbox = null, Action<DataverseOptions>? connector = null)
    {
        // A fresh organisation: the status columns do not exist until the registrar creates them.
        var dataverse = await DataverseTestHost.StartAsync(o =>
        {
            o.Tables = CrmBridge.Sandbox.Dataverse.DataverseSchemas.WithoutStatusColumns();
            sandbox?.Invoke(o);
        });
        var (_, services) = DataverseTestHost.Build(dataverse, o =>
        {
            o.WebhookSecret = Secret;
            connector?.Invoke(o);
        });
        return new RegistrationTestBed(dataverse, services, await WebhookCapture.StartAsync());
    }

    public Task<IReadOnlyList<DataverseRegistrationChange>> RegisterAsync(IReadOnlyList<DataverseStepTarget>? tables = null, bool dryRun = false) =>
        Registrar.RegisterAsync(Webhook.Url, tables ?? DefaultTables, dryRun, Changes.Add, CancellationToken.None);

    public int Ours(string entitySet) => Sandbox.Count(entitySet, r => DataverseRegistrationNames.IsOurs(r["name"]?.ToString()));

    public async ValueTask DisposeAsync()
    {
        await Webhook.DisposeAsync();
        await Services.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
