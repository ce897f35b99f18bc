using System.Net;
using CrmBridge.Processes;
using Xunit;

namespace CrmBridge.Cli.Tests;

/// <summary><c>DELETE /control/crm/records/{entity}/{id}</c> against <c>crmbridge sandbox --crm zoho</c> in a process of its own.</summary>
public sealed class SandboxControlDeleteTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("crmbridge-sandbox-delete-");

    [Fact]
    public async Task ControlDelete_ZohoAccount_RemovesItOnceThen404()
    {
        using var sandbox = CliProcess.Start(_folder.FullName, "sandbox", "--crm", "zoho", "--records", "2", "--config-out", Path.Combine(_folder.FullName, "sandbox.json"));
        await sandbox.WaitForLineAsync("Sandbox ready.", Wait);
        var control = (await sandbox.WaitForLineAsync("control ", Wait)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[2];
        using var http = new HttpClient { BaseAddress = new Uri(control) };
        var before = (await http.GetFromJsonNodeAsync("crm/records/Accounts")).AsArray().Select(n => n!.GetValue<string>()).ToList();

        var deleted = await http.DeleteAsync($"crm/records/Accounts/{before[0]}");
        var again = await http.DeleteAsync($"crm/records/Accounts/{before[0]}");
        var after = (await http.GetFromJsonNodeAsync("crm/records/Accounts")).AsArray().Select(n => n!.GetValue<string>()).ToList();

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(before.Skip(1), after);
    }

    public void Dispose()
    {
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
