using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Dataverse;
using Xunit;

namespace CrmBridge.Cli.Tests;

/// <summary>
/// <c>crmbridge dataverse register/unregister</c> against the Dataverse sandbox with the shipped mappings: one progress
/// line per change, idempotent, dry-run, unregister, and one-line errors.
/// </summary>
public sealed class DataverseCommandTests : IAsyncLifetime
{
    private const string Url = "http://127.0.0.1:7071/api/webhooks/dataverse";
    private DataverseSandbox _dataverse = null!;
    private CliHarness _cli = null!;

    public async Task InitializeAsync()
    {
        // A fresh organisation: the status columns exist only once `register --status-columns` created them.
        _dataverse = await DataverseSandbox.StartAsync(new DataverseSandboxOptions { Tables = DataverseSchemas.WithoutStatusColumns() }, CancellationToken.None);
        _cli = new CliHarness(new JsonObject
        {
            ["Mappings"] = new JsonObject { ["Path"] = Path.Combine(AppContext.BaseDirectory, "mappings", "dataverse") },
            ["Connectors"] = new JsonObject
            {
                ["Dataverse"] = new JsonObject
                {
                    ["EnvironmentUrl"] = _dataverse.BaseAddress.ToString(),
                    ["AuthMode"] = "TokenEndpoint",
                    ["TokenEndpoint"] = _dataverse.TokenEndpoint("cli-tenant").ToString(),
                    ["ClientId"] = "sandbox-client",
                    ["ClientSecret"] = "sandbox-secret",
                    ["WebhookSecret"] = "cli-webhook-secret",
                },
            },
        });
    }

    public async Task DisposeAsync()
    {
        _cli.Dispose();
        await _dataverse.DisposeAsync();
    }

    [Fact]
    public async Task Register_ShippedMappings_CreatesStepsFilteredToTheMappedColumnsAndTheStatusColumns()
    {
        var (code, output, error) = await CliHarness.RunAsync("dataverse", "register", "--url", Url, "--status-columns", "--config", _cli.ConfigPath);

        Assert.True(code == 0, error);
        Assert.Contains("create serviceendpoint 'CrmBridge: webhook'", output, StringComparison.Ordinal);
        Assert.Contains("create step 'CrmBridge: Update of salesorder' (filtering: customerid,ordernumber,statecode,totalamount)", output, StringComparison.Ordinal);
        Assert.Contains("create column 'incident.crmb_syncerror' (Memo, 2000)", output, StringComparison.Ordinal);
        Assert.Contains($"application user {_dataverse.ApplicationUserId} (WhoAmI)", output, StringComparison.Ordinal);
        Assert.Equal(9, _dataverse.Count("sdkmessageprocessingsteps", s => s["name"]!.ToString().StartsWith("CrmBridge: ", StringComparison.Ordinal)));
        Assert.DoesNotContain(_dataverse.List("sdkmessageprocessingsteps"), s => s["filteringattributes"]?.ToString().Contains("crmb_", StringComparison.Ordinal) == true);
        var order = _dataverse.Create("salesorders", new JsonObject { ["name"] = "Status columns exist" });
        _dataverse.Update("salesorders", order, new JsonObject { ["crmb_syncstatus"] = "pending" });
    }

    [Fact]
    public async Task Register_Twice_SecondRunChangesNoStep()
    {
        await CliHarness.RunAsync("dataverse", "register", "--url", Url, "--status-columns", "--config", _cli.ConfigPath);

        var (code, output, _) = await CliHarness.RunAsync("dataverse", "register", "--url", Url, "--status-columns", "--config", _cli.ConfigPath);

        Assert.Equal(0, code);
        Assert.DoesNotContain("create ", output, StringComparison.Ordinal);
        Assert.Contains("unchanged step 'CrmBridge: Delete of incident'", output, StringComparison.Ordinal);
        Assert.Contains("unchanged column 'account.crmb_lastsyncedon'", output, StringComparison.Ordinal);
        Assert.Equal(1, _dataverse.Count("serviceendpoints", _ => true));
    }

    [Fact]
    public async Task Register_DryRun_PrintsWhatItWouldDoAndChangesNothing()
    {
        var (code, output, _) = await CliHarness.RunAsync("dataverse", "register", "--url", Url, "--dry-run", "--status-columns", "--config", _cli.ConfigPath);

        Assert.Equal(0, code);
        Assert.Contains("would create step 'CrmBridge: Create of account'", output, StringComparison.Ordinal);
        Assert.Contains("Dry run, nothing changed:", output, StringComparison.Ordinal);
        Assert.Equal(0, _dataverse.Count("serviceendpoints", _ => true));
        Assert.Equal(0, _dataverse.Count("sdkmessageprocessingsteps", _ => true));
    }

    [Fact]
    public async Task Unregister_AfterRegister_RemovesTheStepsAndTheEndpoint()
    {
        await CliHarness.RunAsync("dataverse", "register", "--url", Url, "--config", _cli.ConfigPath);

        var (code, output, _) = await CliHarness.RunAsync("dataverse", "unregister", "--config", _cli.ConfigPath);
        var again = await CliHarness.RunAsync("dataverse", "unregister", "--config", _cli.ConfigPath);

        Assert.Equal(0, code);
        Assert.Contains("delete step 'CrmBridge: Update of account' (with its images)", output, StringComparison.Ordinal);
        Assert.Contains("delete serviceendpoint 'CrmBridge: webhook'", output, StringComparison.Ordinal);
        Assert.Equal(0, _dataverse.Count("sdkmessageprocessingsteps", _ => true));
        Assert.Contains("Nothing to remove", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_EntityNoMappingReads_IsSkippedWithALine()
    {
        var (code, output, _) = await CliHarness.RunAsync("dataverse", "register", "--url", Url, "--entities", "contacts,accounts", "--config", _cli.ConfigPath);

        Assert.Equal(0, code);
        Assert.Contains("skip contacts: no mapping reads dataverse/contacts", output, StringComparison.Ordinal);
        Assert.Equal(3, _dataverse.Count("sdkmessageprocessingsteps", _ => true));
    }

    [Fact]
    public async Task Register_NoEntityIsARouteSource_ExitsTwoAndRegistersNothing()
    {
        var (code, _, error) = await CliHarness.RunAsync("dataverse", "register", "--url", Url, "--entities", "contacts", "--config", _cli.ConfigPath);

        Assert.Equal(2, code);
        Assert.Contains("nothing to register", error, StringComparison.Ordinal);
        Assert.Equal(0, _dataverse.Count("serviceendpoints", _ => true));
    }

    [Fact]
    public async Task Register_PublicHttpUrl_ExitsTwoSayingDataverseNeedsHttps()
    {
        var (code, _, error) = await CliHarness.RunAsync("dataverse", "register", "--url", "http://bridge.contoso.com:8080/api/webhooks/dataverse", "--config", _cli.ConfigPath);

        Assert.Equal(2, code);
        Assert.Contains("https port 443", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Register_MissingPrivilege_ExitsOneWithOneLineSayingWhatToGrant()
    {
        await using var denied = await DataverseSandbox.StartAsync(new DataverseSandboxOptions { DeniedPrivileges = { "prvCreateServiceEndpoint" } }, CancellationToken.None);
        using var cli = new CliHarness(new JsonObject
        {
            ["Mappings"] = new JsonObject { ["Path"] = Path.Combine(AppContext.BaseDirectory, "mappings", "dataverse") },
            ["Connectors"] = new JsonObject
            {
                ["Dataverse"] = new JsonObject
                {
                    ["EnvironmentUrl"] = denied.BaseAddress.ToString(), ["AuthMode"] = "TokenEndpoint", ["TokenEndpoint"] = denied.TokenEndpoint("t").ToString(),
                    ["ClientId"] = "sandbox-client", ["ClientSecret"] = "sandbox-secret", ["WebhookSecret"] = "s",
                },
            },
        });

        var (code, _, error) = await CliHarness.RunAsync("dataverse", "register", "--url", Url, "--config", cli.ConfigPath);

        Assert.Equal(1, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("creating the service endpoint failed", error, StringComparison.Ordinal);
        Assert.Contains("missing prvCreateServiceEndpoint privilege", error, StringComparison.Ordinal);
        Assert.Contains("System Customizer", error, StringComparison.Ordinal);
        Assert.DoesNotContain("reachable", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_DataverseNotConfigured_ExitsTwoSayingWhatToAdd()
    {
        using var cli = new CliHarness();

        var (code, _, error) = await CliHarness.RunAsync("dataverse", "register", "--url", Url, "--config", cli.ConfigPath);

        Assert.Equal(2, code);
        Assert.Contains("Connectors:Dataverse is not configured", error, StringComparison.Ordinal);
    }
}
