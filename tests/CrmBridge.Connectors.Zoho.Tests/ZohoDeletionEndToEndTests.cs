using System.Diagnostics;
using System.Text.Json.Nodes;
using CrmBridge.Connectors.Erp;
using CrmBridge.Mappings;
using CrmBridge.Pipeline;
using CrmBridge.Pipeline.Hosting;
using CrmBridge.Pipeline.Sqlite;
using CrmBridge.Sandbox.Erp;
using CrmBridge.Sandbox.Zoho;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace CrmBridge.Connectors.Zoho.Tests;

/// <summary>
/// A Zoho deletion reaches the ERP by polling alone: the standalone pipeline (SQLite) with the shipped Zoho mappings, the
/// account route switched to <c>onDelete: delete</c> as an admin would, no notification channel, the reference ERP sandbox.
/// </summary>
public sealed class ZohoDeletionEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);
    private readonly string _directory = Directory.CreateTempSubdirectory("crmbridge-zoho-e2e-").FullName;
    private readonly List<IHostedService> _started = [];
    private ZohoSandbox _zoho = null!;
    private ErpSandbox _erp = null!;
    private ServiceProvider _provider = null!;

    public async Task InitializeAsync()
    {
        _zoho = await ZohoSandbox.StartAsync(new ZohoSandboxOptions(), CancellationToken.None);
        _erp = await ErpSandbox.StartAsync(new ErpSandboxOptions { ApiKey = "e2e-" + Guid.NewGuid().ToString("N") });
        var mappings = Path.Combine(_directory, "mappings");
        CopyMappings(mappings);
        var account = Path.Combine(mappings, "zoho-account-to-erp-customer.yaml");
        File.WriteAllText(account, File.ReadAllText(account).Replace("onDelete: ignore", "onDelete: delete", StringComparison.Ordinal));

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddCrmBridgeSqliteStorage(o => o.Path = Path.Combine(_directory, "bridge.db"));
        services.AddCrmBridgeErpConnector(o =>
        {
            o.BaseUrl = _erp.BaseAddress.ToString();
            o.ApiKey = _erp.ApiKey;
        });
        services.AddCrmBridgeZohoConnector(configure: o =>
        {
            o.AccountsUrl = _zoho.BaseAddress;
            o.ClientId = "sandbox-client";
            o.ClientSecret = "sandbox-secret";
            o.RefreshToken = "sandbox-refresh-token";
        });
        services.AddCrmBridgeMappings(mappings);
        services.AddCrmBridgePipeline();
        services.Configure<PipelineOptions>(o =>
        {
            o.BaseRetryDelay = TimeSpan.FromMilliseconds(100);
            o.MaxRetryDelay = TimeSpan.FromSeconds(1);
            o.IdleDelay = TimeSpan.FromMilliseconds(50);
        });
        services.AddCrmBridgeStandaloneHost([new PollTarget("zoho", "Accounts", TimeSpan.FromMilliseconds(200))]);
        _provider = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        foreach (var service in Enumerable.Reverse(_started))
        {
            await service.StopAsync(CancellationToken.None);
        }

        await _provider.DisposeAsync();
        await _erp.DisposeAsync();
        await _zoho.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a pooled handle on a slow machine; the temp cleaner removes it
        }
    }

    [Fact]
    public async Task Bridge_AccountDeletedInZoho_DeletesTheErpCustomerThroughPolling()
    {
        var kept = _zoho.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "Kept Trading", ["Billing_Country"] = "cn" });
        var gone = _zoho.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "Gone Trading", ["Billing_Country"] = "cn" });
        foreach (var service in _provider.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
            _started.Add(service);
        }

        await WaitAsync(() => ErpKeys().SetEquals([kept, gone]), "both accounts reach the ERP");

        Assert.True(_zoho.DeleteRecord("Accounts", gone));
        await WaitAsync(() => ErpKeys().SetEquals([kept]), "the deleted account's customer is deleted in the ERP");

        // Later polls read the deletion again while its second is open, and then no more: the ERP keeps the other customer.
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal([kept], ErpKeys());
        Assert.Equal(1, _zoho.CountDeleted("Accounts"));
    }

    private HashSet<string> ErpKeys() => _erp.ListRecords("customers").Select(c => c["externalId"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Timeout, $"Timed out waiting until {what}.");
            await Task.Delay(100);
        }
    }

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
