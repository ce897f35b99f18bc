using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Dataverse;
using CrmBridge.Sandbox.Erp;
using Xunit;

namespace CrmBridge.Cli.Tests;

/// <summary>
/// <c>crmbridge run</c> from a configuration file, as an admin would start it: Dataverse and ERP connectors bound from
/// <c>Connectors:*</c>, the shipped mappings, polling targets, the embedded store; stopped by cancellation (Ctrl+C).
/// </summary>
public sealed class RunCommandTests : IAsyncLifetime
{
    private DataverseSandbox _dataverse = null!;
    private ErpSandbox _erp = null!;
    private CliHarness _cli = null!;

    public async Task InitializeAsync()
    {
        var options = new DataverseSandboxOptions { ClientId = "run-test-client", ClientSecret = "run-test-" + Guid.NewGuid().ToString("N") };
        _dataverse = await DataverseSandbox.StartAsync(options, CancellationToken.None);
        _erp = await ErpSandbox.StartAsync(new ErpSandboxOptions { ApiKey = "run-" + Guid.NewGuid().ToString("N") });

        // Throwaway sandbox credentials in a temp file; real secrets come from CRMBRIDGE_* variables or a secret store.
        _cli = new CliHarness(new JsonObject
        {
            ["Mappings"] = new JsonObject { ["Path"] = Path.Combine(AppContext.BaseDirectory, "mappings", "dataverse") },
            ["Connectors"] = new JsonObject
            {
                ["Erp"] = new JsonObject { ["BaseUrl"] = _erp.BaseAddress.ToString(), ["ApiKey"] = _erp.ApiKey },
                ["Dataverse"] = new JsonObject
                {
                    ["EnvironmentUrl"] = _dataverse.BaseAddress.ToString(),
                    ["AuthMode"] = "TokenEndpoint",
                    ["TokenEndpoint"] = _dataverse.TokenEndpoint("run-tenant").ToString(),
                    ["ClientId"] = options.ClientId,
                    ["ClientSecret"] = options.ClientSecret,
                },
            },
            ["Polling"] = new JsonObject
            {
                ["Targets"] = new JsonArray(new JsonObject { ["System"] = "dataverse", ["Entity"] = "accounts", ["Interval"] = "00:00:00.200" }),
            },
            ["Pipeline"] = new JsonObject { ["IdleDelay"] = "00:00:00.050" },
        });
    }

    public async Task DisposeAsync()
    {
        _cli.Dispose();
        await _erp.DisposeAsync();
        await _dataverse.DisposeAsync();
    }

    [Fact]
    public async Task Run_ConfiguredConnectorsAndMappings_SyncsNewAccountsUntilStopped()
    {
        _dataverse.Create("accounts", new JsonObject { ["name"] = "Run Test Trading", ["accountnumber"] = "ACC-RUN-1" });
        using var stop = new CancellationTokenSource();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var run = CliApp.RunAsync(["run", "--config", _cli.ConfigPath], output, error, stop.Token);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (_erp.Count("customers") == 0 && clock.Elapsed < TimeSpan.FromSeconds(30) && !run.IsCompleted)
        {
            await Task.Delay(100);
        }

        await stop.CancelAsync();
        var code = await run;

        Assert.True(code == 0, error.ToString());
        Assert.Contains("running on Sqlite storage", output.ToString(), StringComparison.Ordinal);
        var customer = Assert.Single(_erp.ListRecords("customers"));
        Assert.Equal("Run Test Trading", customer["name"]!.GetValue<string>());
    }
}
