using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmBridge.Processes;
using Xunit;

namespace CrmBridge.Cli.Tests;

/// <summary>The control API's record creation and mixed faults (what the convergence harness uses), on a real sandbox process.</summary>
public sealed class SandboxControlApiTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("crmbridge-sandbox-control-");

    [Fact]
    public async Task ControlApi_CreateRecordAndMixedFaults_CreatesAndDescribes()
    {
        using var sandbox = CliProcess.Start(_folder.FullName, "sandbox", "--crm", "zoho", "--records", "2", "--config-out", Path.Combine(_folder.FullName, "sandbox.json"));
        await sandbox.WaitForLineAsync("Sandbox ready.", Wait);
        using var http = new HttpClient { BaseAddress = new Uri((await sandbox.WaitForLineAsync("control ", Wait)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[2]) };

        using var created = await http.PostAsJsonAsync("crm/records/Accounts", new JsonObject { ["Account_Name"] = "Created Trading Ltd" });
        created.EnsureSuccessStatusCode();
        var id = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        using var mixed = await http.PostAsync(new Uri("erp/faults?rate=0.2&kind=Mixed", UriKind.Relative), null);
        using var unknown = await http.PostAsync(new Uri("erp/faults?rate=0.2&kind=Sometimes", UriKind.Relative), null);
        using var invalid = await http.PostAsJsonAsync("crm/records/Accounts", new JsonObject { ["Phone"] = "1" });

        Assert.Contains(id, (await http.GetFromJsonNodeAsync("crm/records/Accounts")).AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(3, (await http.GetFromJsonNodeAsync("crm/records/Accounts")).AsArray().Count);
        mixed.EnsureSuccessStatusCode();
        var faults = (await http.GetFromJsonNodeAsync("status"))["erp"]!["faults"]!;
        Assert.Equal(("Mixed", 0.2), (faults["kind"]!.GetValue<string>(), faults["errorRate"]!.GetValue<double>()));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode); // Zoho's mandatory Account_Name
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
