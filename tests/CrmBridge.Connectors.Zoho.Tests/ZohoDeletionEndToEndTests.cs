using System.Text.Json.Nodes;
using CrmBridge.Pipeline.Hosting;
using CrmBridge.Sandbox.Zoho;
using CrmBridge.Testing.EndToEnd;
using Xunit;

namespace CrmBridge.Connectors.Zoho.Tests;

/// <summary>
/// A Zoho deletion reaches the ERP by polling alone: the standalone pipeline (SQLite) with the shipped Zoho mappings, the
/// account route switched to <c>onDelete: delete</c> as an admin would, no notification channel, the reference ERP sandbox.
/// </summary>
public sealed class ZohoDeletionEndToEndTests : IAsyncLifetime
{
    private readonly PipelineBed _bed = new("zoho-e2e");
    private ZohoSandbox _zoho = null!;

    public async Task InitializeAsync()
    {
        _zoho = await ZohoSandbox.StartAsync(new ZohoSandboxOptions(), CancellationToken.None);
        var mappings = Path.Combine(_bed.Directory, "mappings");
        CopyMappings(mappings);
        var account = Path.Combine(mappings, "zoho-account-to-erp-customer.yaml");
        File.WriteAllText(account, File.ReadAllText(account).Replace("onDelete: ignore", "onDelete: delete", StringComparison.Ordinal));
        await _bed.BuildAsync(
            mappings,
            services => services.AddCrmBridgeZohoConnector(configure: o =>
            {
                o.AccountsUrl = _zoho.BaseAddress;
                o.ClientId = "sandbox-client";
                o.ClientSecret = "sandbox-secret";
                o.RefreshToken = "sandbox-refresh-token";
            }),
            [new PollTarget("zoho", "Accounts", TimeSpan.FromMilliseconds(200))],
            PipelineBed.ShortDelays);
    }

    public async Task DisposeAsync()
    {
        await _bed.DisposeAsync();
        await _zoho.DisposeAsync();
    }

    [Fact]
    public async Task Bridge_AccountDeletedInZoho_DeletesTheErpCustomerThroughPolling()
    {
        var kept = _zoho.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "Kept Trading", ["Billing_Country"] = "cn" });
        var gone = _zoho.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "Gone Trading", ["Billing_Country"] = "cn" });
        await _bed.StartHostAsync();

        await PipelineBed.WaitAsync(() => ErpKeys().SetEquals([kept, gone]), "both accounts reach the ERP");

        Assert.True(_zoho.DeleteRecord("Accounts", gone));
        await PipelineBed.WaitAsync(() => ErpKeys().SetEquals([kept]), "the deleted account's customer is deleted in the ERP");

        // Later polls read the deletion again while its second is open, and then no more: the ERP keeps the other customer.
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal([kept], ErpKeys());
        Assert.Equal(1, _zoho.CountDeleted("Accounts"));
    }

    private HashSet<string> ErpKeys() => _bed.Erp.ListRecords("customers").Select(c => c["externalId"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);

    private static void CopyMappings(string to)
    {
        var from = Path.Combine(RepositoryRoot(), "mappings", "zoho");
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*.yaml"))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrmBridge.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CrmBridge.sln not found above the test output.");
    }
}
