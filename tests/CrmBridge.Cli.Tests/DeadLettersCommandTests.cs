using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CrmBridge.Cli.Tests;

public sealed class DeadLettersCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task List_NoDeadLetters_SaysSoAndExitsZero()
    {
        var (code, output, _) = await CliHarness.RunAsync("deadletters", "list", "--config", _cli.ConfigPath);

        Assert.Equal(0, code);
        Assert.Contains("No dead letters.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAndShow_OneDeadLetter_PrintsRecordCodeAndReason()
    {
        var id = await _cli.AddDeadLetterAsync("5725767000000111", "status (from Status): 'Shipped?' is not in the map [NOT_IN_MAP]");

        var (listCode, list, _) = await CliHarness.RunAsync("deadletters", "list", "--config", _cli.ConfigPath);
        var (showCode, show, _) = await CliHarness.RunAsync("deadletters", "show", id, "--config", _cli.ConfigPath);

        Assert.Equal(0, listCode);
        Assert.Contains(id, list, StringComparison.Ordinal);
        Assert.Contains("zoho/Accounts/5725767000000111", list, StringComparison.Ordinal);
        Assert.Contains(DeadLetterCodes.MappingFailed, list, StringComparison.Ordinal);
        Assert.Equal(0, showCode);
        Assert.Contains("NOT_IN_MAP", show, StringComparison.Ordinal);
        Assert.Contains("zoho-account-to-erp-customer", show, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_OpenDeadLetter_EnqueuesItOnceAndRefusesTheSecondTime()
    {
        var id = await _cli.AddDeadLetterAsync("A1", "bad");

        var first = await CliHarness.RunAsync("deadletters", "replay", id, "--config", _cli.ConfigPath);
        var second = await CliHarness.RunAsync("deadletters", "replay", id, "--config", _cli.ConfigPath);

        Assert.Equal(0, first.Code);
        Assert.Equal(1, second.Code);
        Assert.Contains("no open dead letter", second.Error, StringComparison.Ordinal);
        await using var store = _cli.OpenStore();
        Assert.Equal(1, await store.GetRequiredService<IWorkQueue>().CountAsync(CancellationToken.None));
        var (_, listed, _) = await CliHarness.RunAsync("deadletters", "list", "--status", "replayed", "--config", _cli.ConfigPath);
        Assert.Contains(id, listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_RejectedInput_ExplainsItCannotBeReplayed()
    {
        var id = await _cli.AddDeadLetterAsync("3F2A", "Rejected webhook call from zoho: the body is not JSON", DeadLetterCodes.RejectedInput);

        var (code, _, error) = await CliHarness.RunAsync("deadletters", "replay", id, "--config", _cli.ConfigPath);

        Assert.Equal(1, code);
        Assert.Contains("holds rejected input", error, StringComparison.Ordinal);
        await using var store = _cli.OpenStore();
        Assert.Equal(0, await store.GetRequiredService<IWorkQueue>().CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ReplayAll_SeveralOpen_ReplaysEveryOne()
    {
        await _cli.AddDeadLetterAsync("A1", "bad");
        await _cli.AddDeadLetterAsync("A2", "bad");

        var (code, output, _) = await CliHarness.RunAsync("deadletters", "replay", "--all", "--config", _cli.ConfigPath);

        Assert.Equal(0, code);
        Assert.Contains("Replayed 2 dead letters.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplayAndDismiss_Json_PrintOneJsonDocument()
    {
        var first = await _cli.AddDeadLetterAsync("A1", "bad");
        await _cli.AddDeadLetterAsync("A2", "bad");
        var third = await _cli.AddDeadLetterAsync("A3", "bad");

        var (oneCode, one, _) = await CliHarness.RunAsync("deadletters", "replay", first, "--json", "--config", _cli.ConfigPath);
        var (dismissCode, dismissed, _) = await CliHarness.RunAsync("deadletters", "dismiss", third, "--json", "--config", _cli.ConfigPath);
        var (allCode, all, _) = await CliHarness.RunAsync("deadletters", "replay", "--all", "--json", "--config", _cli.ConfigPath);

        Assert.Equal((0, 0, 0), (oneCode, dismissCode, allCode));
        Assert.Equal(first, System.Text.Json.Nodes.JsonNode.Parse(one)!["ids"]![0]!.GetValue<string>());
        Assert.Equal(third, System.Text.Json.Nodes.JsonNode.Parse(dismissed)!["dismissed"]!.GetValue<string>());
        Assert.Equal(1, System.Text.Json.Nodes.JsonNode.Parse(all)!["replayed"]!.GetValue<int>()); // only A2 was still open
    }

    [Fact]
    public async Task Replay_NeitherIdNorAll_IsAUsageError()
    {
        var (code, _, error) = await CliHarness.RunAsync("deadletters", "replay", "--config", _cli.ConfigPath);

        Assert.Equal(2, code);
        Assert.Contains("either a dead letter id or --all", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dismiss_UnknownId_ExitsOne()
    {
        var (code, _, error) = await CliHarness.RunAsync("deadletters", "dismiss", "nope", "--config", _cli.ConfigPath);

        Assert.Equal(1, code);
        Assert.Contains("no dead letter has id 'nope'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_BadStatus_IsAUsageError()
    {
        var (code, _, error) = await CliHarness.RunAsync("deadletters", "list", "--status", "weird", "--config", _cli.ConfigPath);

        Assert.Equal(2, code);
        Assert.Contains("--status 'weird'", error, StringComparison.Ordinal);
    }
}
