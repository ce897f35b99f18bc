using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Zoho;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrmBridge.Connectors.Zoho.Tests;

/// <summary>The emulator's recycle bin and <c>GET /{module}/deleted</c>, checked with a plain HttpClient.</summary>
public sealed class ZohoSandboxDeletedTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 8, 0, 0, 500, TimeSpan.Zero));
    private ZohoSandbox? _sandbox;
    private HttpClient? _http;

    private ZohoSandbox Sandbox => _sandbox!;

    private HttpClient Http => _http!;

    public async Task InitializeAsync()
    {
        _sandbox = await ZohoSandbox.StartAsync(new ZohoSandboxOptions { TimeProvider = _clock }, CancellationToken.None);
        _http = await SandboxHttp.ClientAsync(_sandbox);
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }

    [Fact]
    public async Task GetDeleted_NothingDeleted_Returns204WithAnEmptyBody()
    {
        Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "Alive" });

        var response = await Http.GetAsync("crm/v7/Accounts/deleted?type=all");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task DeleteRecords_ThroughTheApi_ListsTheRecordInTheRecycleBinWithWhoAndWhen()
    {
        var id = Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "Zylker" });
        _clock.Advance(TimeSpan.FromSeconds(10));

        var delete = await Http.DeleteAsync($"crm/v7/Accounts?ids={id}");
        var body = await Http.GetFromJsonAsync<JsonObject>("crm/v7/Accounts/deleted");
        var byId = await Http.GetAsync($"crm/v7/Accounts/{id}");

        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        var entry = Assert.Single(body!["data"]!.AsArray())!;
        Assert.Equal(id, entry["id"]!.GetValue<string>());
        Assert.Equal(("recycle", "Zylker", "CrmBridge Integration", "Sandbox User"), (entry["type"]!.GetValue<string>(), entry["display_name"]!.GetValue<string>(), entry["deleted_by"]!["name"]!.GetValue<string>(), entry["created_by"]!["name"]!.GetValue<string>()));
        Assert.Equal("2026-11-28T08:00:10+00:00", entry["deleted_time"]!.GetValue<string>());
        Assert.Equal("""{"per_page":200,"count":1,"page":1,"more_records":false}""", body["info"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.NoContent, byId.StatusCode);
    }

    [Fact]
    public async Task GetDeleted_IfModifiedSince_ListsDeletionsStrictlyAfterItsSecondNewestFirst()
    {
        var ids = Enumerable.Range(0, 3).Select(i => Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = $"A{i}" })).ToList();
        foreach (var id in ids)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            Sandbox.DeleteRecord("Accounts", id); // deleted at :01, :02, :03
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "crm/v7/Accounts/deleted");
        request.Headers.TryAddWithoutValidation("If-Modified-Since", "2026-11-28T13:30:01+05:30");
        var body = await (await Http.SendAsync(request)).Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal([ids[2], ids[1]], body!["data"]!.AsArray().Select(e => e!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task GetDeleted_PerPageTwo_PagesByPositionUntilMoreRecordsIsFalse()
    {
        foreach (var i in Enumerable.Range(0, 5))
        {
            Sandbox.DeleteRecord("Accounts", Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = $"P{i}" }));
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        var pages = new List<JsonObject>();
        for (var page = 1; page <= 4; page++)
        {
            var response = await Http.GetAsync($"crm/v7/Accounts/deleted?page={page}&per_page=2");
            pages.Add(response.StatusCode == HttpStatusCode.OK ? (await response.Content.ReadFromJsonAsync<JsonObject>())! : new JsonObject());
        }

        Assert.Equal([2, 2, 1], pages.Take(3).Select(p => p["data"]!.AsArray().Count));
        Assert.Equal([true, true, false], pages.Take(3).Select(p => p["info"]!["more_records"]!.GetValue<bool>()));
        Assert.Empty(pages[3]); // past the end: 204
        Assert.Equal(5, pages.Take(3).SelectMany(p => p["data"]!.AsArray()).Select(e => e!["id"]!.GetValue<string>()).Distinct().Count());
    }

    [Fact]
    public async Task GetDeleted_TypeFilters_PermanentEntriesCarryNoNames()
    {
        var recycled = Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "Recycled" });
        var purged = Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "Purged" });
        Sandbox.DeleteRecord("Accounts", recycled);
        Sandbox.DeleteRecord("Accounts", purged);
        Assert.True(Sandbox.PurgeRecord("Accounts", purged));

        var recycle = await Http.GetFromJsonAsync<JsonObject>("crm/v7/Accounts/deleted?type=recycle");
        var permanent = await Http.GetFromJsonAsync<JsonObject>("crm/v7/Accounts/deleted?type=permanent");
        var all = await Http.GetFromJsonAsync<JsonObject>("crm/v7/Accounts/deleted?type=all");

        Assert.Equal(recycled, Assert.Single(recycle!["data"]!.AsArray())!["id"]!.GetValue<string>());
        var entry = Assert.Single(permanent!["data"]!.AsArray())!;
        Assert.Equal((purged, "permanent"), (entry["id"]!.GetValue<string>(), entry["type"]!.GetValue<string>()));
        Assert.Equal([null, null, null], new[] { entry["deleted_by"], entry["display_name"], entry["created_by"] });
        Assert.Equal(2, all!["data"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("type=deleted", "type")]
    [InlineData("per_page=201", "per_page")]
    [InlineData("page=0", "page")]
    public async Task GetDeleted_InvalidParameter_Returns400InvalidDataNamingIt(string query, string param)
    {
        var response = await Http.GetAsync("crm/v7/Accounts/deleted?" + query);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(("INVALID_DATA", param), (body!["code"]!.GetValue<string>(), body["details"]!["param"]!.GetValue<string>()));
    }
}
