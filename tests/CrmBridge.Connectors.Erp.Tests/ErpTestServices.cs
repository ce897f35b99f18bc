using CrmBridge.Connectors.Erp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Connectors.Erp.Tests;

/// <summary>Builds the connector the way hosts do: configuration section <c>Connectors:Erp</c> + <c>AddCrmBridgeErpConnector</c>.</summary>
internal static class ErpTestServices
{
    public static ServiceProvider Build(Uri baseAddress, string apiKey, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Connectors:Erp:BaseUrl"] = baseAddress.ToString(),
            ["Connectors:Erp:ApiKey"] = apiKey,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values["Connectors:Erp:" + key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCrmBridgeErpConnector(configuration);
        return services.BuildServiceProvider(validateScopes: true);
    }

    public static string NewKey(string prefix = "T") => $"{prefix}-{Guid.NewGuid():N}"[..16];
}
