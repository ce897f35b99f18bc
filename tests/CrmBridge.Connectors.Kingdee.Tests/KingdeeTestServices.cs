using CrmBridge.Sandbox.Kingdee;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Connectors.Kingdee.Tests;

/// <summary>Builds the connector the way hosts do: configuration section <c>Connectors:Kingdee</c> + <c>AddCrmBridgeKingdeeConnector</c>.</summary>
internal static class KingdeeTestServices
{
    public static ServiceProvider Build(KingdeeSandbox sandbox, IDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var o = sandbox.Options;
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Connectors:Kingdee:ServerUrl"] = sandbox.BaseAddress.ToString(),
            ["Connectors:Kingdee:AcctId"] = o.AcctId,
            ["Connectors:Kingdee:Username"] = o.Username,
            ["Connectors:Kingdee:AppId"] = o.AppId,
            ["Connectors:Kingdee:AppSecret"] = o.AppSecret,
            ["Connectors:Kingdee:NetworkControlDelay"] = "00:00:00.010",
            ["Connectors:Kingdee:ServerTimeZone"] = o.TimeZone,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values["Connectors:Kingdee:" + key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddCrmBridgeKingdeeConnector(configuration);
        return services.BuildServiceProvider(validateScopes: true);
    }

    public static Task<KingdeeSandbox> StartSandboxAsync(TimeProvider? time = null, bool writeBackBumpsOrder = false, bool wholeSeconds = true)
    {
        var options = new KingdeeSandboxOptions { AppSecret = "secret-" + Guid.NewGuid().ToString("N")[..8], WriteBackBumpsOrder = writeBackBumpsOrder, WholeSecondTimes = wholeSeconds };
        if (time is not null)
        {
            options.TimeProvider = time;
        }

        return KingdeeSandbox.StartAsync(options);
    }

    public static string NewKey(string prefix = "T") => $"{prefix}-{Guid.NewGuid():N}"[..16];
}
