using CrmBridge.Sandbox.Dataverse;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Connectors.Dataverse.Tests;

/// <summary>Builds a connector through the real registration, pointed at a sandbox's token endpoint and Web API.</summary>
internal static class DataverseTestHost
{
    public const string Tenant = "contoso-tenant";

    public static (DataverseConnector Connector, ServiceProvider Services) Build(DataverseSandbox sandbox, Action<DataverseOptions>? configure = null, TimeProvider? time = null, ApiCallCounter? counter = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddCrmBridgeDataverseConnector(configure: o =>
        {
            Point(o, sandbox);
            configure?.Invoke(o);
        });
        if (counter is not null)
        {
            services.AddHttpClient(DataverseConnector.HttpClientName).AddHttpMessageHandler(() => new ApiCallCounter.Handler(counter));
        }

        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<DataverseConnector>(), provider);
    }

    public static void Point(DataverseOptions options, DataverseSandbox sandbox)
    {
        options.EnvironmentUrl = sandbox.BaseAddress;
        options.AuthMode = DataverseAuthMode.TokenEndpoint;
        options.TokenEndpoint = sandbox.TokenEndpoint(Tenant);
        options.ClientId = "sandbox-client";
        options.ClientSecret = "sandbox-secret";
        options.ApplicationUserId = sandbox.ApplicationUserId;
    }

    public static Task<DataverseSandbox> StartAsync(Action<DataverseSandboxOptions>? configure = null)
    {
        var options = new DataverseSandboxOptions();
        configure?.Invoke(options);
        return DataverseSandbox.StartAsync(options, CancellationToken.None);
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
