using CrmBridge.Sandbox.BusinessCentral;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Connectors.BusinessCentral.Tests;

/// <summary>Builds a connector through the real registration, pointed at an emulator's token endpoint and API root.</summary>
internal static class BusinessCentralTestHost
{
    public const string Tenant = "contoso-tenant";

    public static (BusinessCentralConnector Connector, ServiceProvider Services) Build(BusinessCentralSandbox sandbox, Action<BusinessCentralOptions>? configure = null, TimeProvider? time = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddCrmBridgeBusinessCentralConnector(configure: o =>
        {
            Point(o, sandbox);
            configure?.Invoke(o);
        });
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<BusinessCentralConnector>(), provider);
    }

    public static void Point(BusinessCentralOptions options, BusinessCentralSandbox sandbox)
    {
        options.ApiUrl = sandbox.ApiAddress;
        options.Company = sandbox.CompanyName;
        options.AuthMode = BusinessCentralAuthMode.TokenEndpoint;
        options.TokenEndpoint = sandbox.TokenEndpoint(Tenant);
        options.ClientId = "sandbox-client";
        options.ClientSecret = "sandbox-secret";

        // Inline backoff is 1 s, 2 s in production; tests keep the same logic with shorter waits.
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(50);
    }

    public static Task<BusinessCentralSandbox> StartAsync(Action<BusinessCentralSandboxOptions>? configure = null)
    {
        var options = new BusinessCentralSandboxOptions();
        configure?.Invoke(options);
        return BusinessCentralSandbox.StartAsync(options, CancellationToken.None);
    }

    public static async Task<(List<RecordChange> Changes, string? Checkpoint, int Pages)> DrainAsync(IConnector connector, string entity, string? checkpoint)
    {
        var all = new List<RecordChange>();
        for (var pages = 1; pages < 1000; pages++)
        {
            var page = await connector.GetChangesAsync(entity, checkpoint, CancellationToken.None);
            all.AddRange(page.Changes);
            checkpoint = page.NextCheckpoint ?? checkpoint;
            if (!page.HasMore)
            {
                return (all, checkpoint, pages);
            }
        }

        throw new InvalidOperationException("the change feed never ended");
    }
}
