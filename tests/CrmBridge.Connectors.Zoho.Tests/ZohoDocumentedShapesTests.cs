using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace CrmBridge.Connectors.Zoho.Tests;

/// <summary>The connector on Zoho's documented example bodies (Fixtures/*), served unchanged over loopback HTTP.</summary>
public sealed class ZohoDocumentedShapesTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    [Fact]
    public async Task UpsertBatchAsync_DocumentedPartialSuccess_OneCreatedOnePermanentError()
    {
        Uri? self = null;
        await using var server = await ScriptedServer.StartAsync(request => request.PathAndQuery.StartsWith("/oauth/v2/token", StringComparison.Ordinal)
            ? ScriptedReply.Json(Fixture("token-response.json").Replace("API_DOMAIN", self!.ToString().TrimEnd('/'), StringComparison.Ordinal))
            : ScriptedReply.Json(Fixture("upsert-partial-success.json")));
        self = server.BaseAddress;
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddCrmBridgeZohoConnector(configure: o =>
        {
            o.AccountsUrl = server.BaseAddress;
            o.ClientId = "c";
            o.ClientSecret = "s";
            o.RefreshToken = "r";
        });
        await using var provider = services.BuildServiceProvider();
        var connector = provider.GetRequiredService<IConnector>();

        var results = await connector.UpsertBatchAsync(
            [
                new UpsertRequest("Accounts", "Account_Number", "A-1", new JsonObject { ["Account_Name"] = "Zylker" }),
                new UpsertRequest("Accounts", "Account_Number", "A-2", new JsonObject { ["Phone"] = "555" }),
            ],
            CancellationToken.None);

        Assert.Equal(2, results.Count);
        Assert.True(results[0].Succeeded);
        Assert.Equal("3652397000000437001", results[0].Result!.Id);
        Assert.True(results[0].Result!.Created);
        Assert.Equal(ErrorKind.Permanent, results[1].Error!.Kind);
        Assert.Equal("MANDATORY_NOT_FOUND", results[1].Error!.ErrorCode);
        Assert.Contains(server.Requests, r => r.PathAndQuery == "/crm/v7/Accounts/upsert" && r.Headers["Authorization"].StartsWith("Zoho-oauthtoken ", StringComparison.Ordinal));
    }
}
