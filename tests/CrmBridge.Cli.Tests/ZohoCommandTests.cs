using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Zoho;
using Xunit;

namespace CrmBridge.Cli.Tests;

/// <summary><c>crmbridge zoho register [--check]</c> against the Zoho sandbox.</summary>
public sealed class ZohoCommandTests : IAsyncLifetime
{
    private ZohoSandbox _zoho = null!;
    private CliHarness _cli = null!;

    public async Task InitializeAsync()
    {
        var options = new ZohoSandboxOptions();
        _zoho = await ZohoSandbox.StartAsync(options, CancellationToken.None);
        _cli = new CliHarness(new JsonObject
        {
            ["Connectors"] = new JsonObject
            {
                ["Zoho"] = new JsonObject
                {
                    ["AccountsUrl"] = _zoho.BaseAddress.ToString(),
                    ["ClientId"] = options.ClientId,
                    ["ClientSecret"] = options.ClientSecret,
                    ["RefreshToken"] = options.RefreshToken,
                    ["NotifyUrl"] = "http://127.0.0.1:7071/api/webhooks/zoho",
                    ["NotificationToken"] = "cli-notify-token",
                },
            },
        });
    }

    public async Task DisposeAsync()
    {
        _cli.Dispose();
        await _zoho.DisposeAsync();
    }

    [Fact]
    public async Task Register_Subscribes_ThenCheckPrintsTheLiveChannels()
    {
        var register = await CliHarness.RunAsync("zoho", "register", "--config", _cli.ConfigPath);
        var (code, output, _) = await CliHarness.RunAsync("zoho", "register", "--check", "--config", _cli.ConfigPath);

        Assert.True(register.Code == 0, register.Error + register.Output);
        Assert.Contains("subscribed channel 1000000068002: Sales_Orders.all -> http://127.0.0.1:7071/api/webhooks/zoho", register.Output, StringComparison.Ordinal);
        Assert.Equal(0, code);
        Assert.Contains("channel 1000000068003 [live]: Cases.all; expires ", output, StringComparison.Ordinal);
        Assert.Contains("Every watched module has a live channel (Accounts, Sales_Orders, Cases).", output, StringComparison.Ordinal);
        Assert.Equal(3, _zoho.Channels.Count);
    }

    [Fact]
    public async Task Register_Twice_RenewsTheSameChannels()
    {
        await CliHarness.RunAsync("zoho", "register", "--config", _cli.ConfigPath);
        var (code, _, _) = await CliHarness.RunAsync("zoho", "register", "--config", _cli.ConfigPath);

        Assert.Equal(0, code);
        Assert.Equal(["1000000068001", "1000000068002", "1000000068003"], _zoho.Channels.Select(c => c.ChannelId).Order());
    }

    [Fact]
    public async Task Check_NothingSubscribed_ExitsOneSayingWhatToRun()
    {
        var (code, output, _) = await CliHarness.RunAsync("zoho", "register", "--check", "--config", _cli.ConfigPath);

        Assert.Equal(1, code);
        Assert.Contains("No live channel for Accounts, Sales_Orders, Cases: run 'crmbridge zoho register'", output, StringComparison.Ordinal);
        Assert.Empty(_zoho.Channels);
    }
}
