using CrmBridge.Sandbox.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Connectors.Dataverse.Tests;

/// <summary>
/// The documentation's example bodies (Fixtures/*) served as-is over loopback HTTP, and a connector pointed at them: the
/// connector is tested on the documented shapes directly, not only on what the emulator makes of them.
/// </summary>
internal static class DocumentedShapes
{
    public const string Token = """{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"documented-token"}""";

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    /// <summary>Starts a server answering token requests with <paramref name="token"/> and Web API calls with <paramref name="api"/>.</summary>
    public static Task<ScriptedServer> StartAsync(Func<ScriptedRequest, ScriptedReply> api, string token = Token) =>
        ScriptedServer.StartAsync(request => request.PathAndQuery.Contains("/oauth2/", StringComparison.Ordinal) ? ScriptedReply.Json(token) : api(request));

    public static (DataverseConnector Connector, ServiceProvider Services) Build(ScriptedServer server)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddCrmBridgeDataverseConnector(configure: o =>
        {
            o.EnvironmentUrl = server.BaseAddress;
            o.AuthMode = DataverseAuthMode.TokenEndpoint;
            o.TokenEndpoint = new Uri(server.BaseAddress, "contoso-tenant/oauth2/v2.0/token");
            o.ClientId = "documented-client";
            o.ClientSecret = "documented-secret";
        });
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<DataverseConnector>(), provider);
    }
}
