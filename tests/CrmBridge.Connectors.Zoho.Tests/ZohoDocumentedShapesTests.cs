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

    [Fact]
    public async Task GetChangesAsync_DocumentedDeletedRecords_DeletesBothAndDropsTheSnapshotOfTheDeletedOne()
    {
        const string Deleted = "3652397000002045001";
        Uri? self = null;
        await using var server = await ScriptedServer.StartAsync(request => request.PathAndQuery switch
        {
            var p when p.StartsWith("/oauth/v2/token", StringComparison.Ordinal) => ScriptedReply.Json(Fixture("token-response.json").Replace("API_DOMAIN", self!.ToString().TrimEnd('/'), StringComparison.Ordinal)),
            "/crm/v7/coql" => ScriptedReply.Json($$$"""{"data":[{"id":"{{{Deleted}}}","Modified_Time":"2026-11-28T07:59:00+00:00"}],"info":{"count":1,"more_records":false}}"""),
            var p when p.StartsWith("/crm/v7/Accounts/deleted", StringComparison.Ordinal) => ScriptedReply.Json(Fixture("deleted-records.json")),
            _ => ScriptedReply.Json($$$"""{"data":[{"id":"{{{Deleted}}}","Modified_Time":"2026-11-28T07:59:00+00:00","Account_Name":"Patricia"}],"info":{"count":1,"more_records":false}}"""),
        });
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
        var checkpoint = new JsonObject { ["m"] = "inc", ["w"] = "2026-11-28T07:58:00+00:00", ["d"] = "2019-07-01T00:00:00+00:00" }.ToJsonString();

        var page = await provider.GetRequiredService<IConnector>().GetChangesAsync("Accounts", checkpoint, CancellationToken.None);

        Assert.Equal([(Deleted, ChangeOperation.Delete), ("3652397000000199001", ChangeOperation.Delete)], page.Changes.Select(c => (c.Id, c.Operation)));
        Assert.False(page.HasMore);
        var call = Assert.Single(server.Requests, r => r.PathAndQuery.StartsWith("/crm/v7/Accounts/deleted", StringComparison.Ordinal));
        Assert.Equal("/crm/v7/Accounts/deleted?type=all&page=1&per_page=200", call.PathAndQuery);
        Assert.Equal("2019-06-30T23:59:59+00:00", call.Headers["If-Modified-Since"]);
    }
}
