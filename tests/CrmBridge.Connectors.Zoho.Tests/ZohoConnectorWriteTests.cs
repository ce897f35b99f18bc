using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Hosting;
using Xunit;

namespace CrmBridge.Connectors.Zoho.Tests;

public sealed class ZohoConnectorWriteTests
{
    [Fact]
    public async Task UpsertBatchAsync_OneBadPicklistValue_FailsOnlyThatRecordWithZohosCode()
    {
        await using var env = await ZohoTestEnvironment.StartAsync();
        var ids = Enumerable.Range(0, 3).Select(i => env.Sandbox.CreateRecord("Sales_Orders", new JsonObject { ["Subject"] = $"SO {i}", ["Status"] = "Confirmed" })).ToList();
        var requests = new[]
        {
            new UpsertRequest("Sales_Orders", "id", ids[0], new JsonObject { ["Status"] = "Shipped", ["Tracking_Number"] = "TRK-1" }),
            new UpsertRequest("Sales_Orders", "id", ids[1], new JsonObject { ["Status"] = "Teleported" }),
            new UpsertRequest("Sales_Orders", "id", ids[2], new JsonObject { ["Status"] = "Invoiced", ["Invoice_Number"] = "INV-3" }),
        };

        var results = await env.Connector.UpsertBatchAsync(requests, CancellationToken.None);

        Assert.True(results[0].Succeeded);
        Assert.False(results[1].Succeeded);
        Assert.Equal(ErrorKind.Permanent, results[1].Error!.Kind);
        Assert.Equal("INVALID_DATA", results[1].Error!.ErrorCode);
        Assert.Contains("Status", results[1].Error!.Message, StringComparison.Ordinal);
        Assert.True(results[2].Succeeded);
        Assert.Equal("TRK-1", env.Sandbox.GetRecord("Sales_Orders", ids[0])!["Tracking_Number"]!.GetValue<string>());
        Assert.Equal("Confirmed", env.Sandbox.GetRecord("Sales_Orders", ids[1])!["Status"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpsertAsync_ById_ReturnsTheVersionTheNextReadReports()
    {
        await using var env = await ZohoTestEnvironment.StartAsync();
        var id = env.Sandbox.CreateRecord("Cases", new JsonObject { ["Subject"] = "Broken lid", ["Status"] = "New" });

        var result = await env.Connector.UpsertAsync(new UpsertRequest("Cases", "id", id, new JsonObject { ["Status"] = "Closed", ["Resolution"] = "Replaced" }), CancellationToken.None);
        var read = await env.Connector.GetAsync("Cases", id, CancellationToken.None);

        Assert.False(result.Created);
        Assert.Equal(id, result.Id);
        Assert.NotNull(result.Version);
        Assert.Equal(read!.Version, result.Version);
        Assert.Equal("Replaced", read.Data["Resolution"]?.GetValue<string>());
    }

    [Fact]
    public async Task UpsertAsync_UnknownId_ThrowsNotFoundAndCreatesNothing()
    {
        await using var env = await ZohoTestEnvironment.StartAsync();
        var before = env.Sandbox.CountRecords("Sales_Orders");

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            env.Connector.UpsertAsync(new UpsertRequest("Sales_Orders", "id", "5725767000999999999", new JsonObject { ["Status"] = "Shipped" }), CancellationToken.None));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal(before, env.Sandbox.CountRecords("Sales_Orders"));
    }

    [Fact]
    public async Task UpsertBatchAsync_250Records_SendsThreeCallsOfAtMost100()
    {
        await using var env = await ZohoTestEnvironment.StartAsync();
        await env.Tokens.GetAsync(CancellationToken.None);
        var requests = Enumerable.Range(0, 250).Select(i =>
        {
            var key = ZohoTestEnvironment.NewKey();
            return new UpsertRequest("Accounts", "Account_Number", key, new JsonObject { ["Account_Name"] = $"Batch {i}" });
        }).ToList();
        var callsBefore = env.Sandbox.CreditsUsed;

        var results = await env.Connector.UpsertBatchAsync(requests, CancellationToken.None);

        Assert.All(results, r => Assert.True(r.Result?.Created));
        Assert.Equal(Enumerable.Range(0, 250), results.Select(r => r.Index));
        Assert.Equal(3, env.Sandbox.CreditsUsed - callsBefore);
        Assert.Equal(250, env.Sandbox.CountRecords("Accounts"));
    }

    [Fact]
    public async Task UpsertAsync_CreditsExhausted_ThrowsQuotaExhaustedWithLongRetryAfter()
    {
        await using var env = await ZohoTestEnvironment.StartAsync(sandbox: o => o.CreditLimit = 1);
        await env.Connector.UpsertAsync(new UpsertRequest("Accounts", "Account_Number", ZohoTestEnvironment.NewKey(), new JsonObject { ["Account_Name"] = "Spends the credit" }), CancellationToken.None);

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            env.Connector.UpsertAsync(new UpsertRequest("Accounts", "Account_Number", ZohoTestEnvironment.NewKey(), new JsonObject { ["Account_Name"] = "No credit" }), CancellationToken.None));

        Assert.Equal(ErrorKind.QuotaExhausted, error.Kind);
        Assert.True(error.IsRetryable);
        Assert.Equal(TimeSpan.FromHours(1), error.RetryAfter);
        Assert.Equal(429, error.HttpStatus);
    }

    [Fact]
    public async Task GetAsync_ConcurrencyLimitExceeded_ThrowsThrottledWithDefaultDelay()
    {
        await using var env = await ZohoTestEnvironment.StartAsync(sandbox: o => o.MaxConcurrency = 1, connector: o => o.ThrottleDelay = TimeSpan.FromSeconds(7));
        var id = env.Sandbox.CreateRecord("Accounts", new JsonObject { ["Account_Name"] = "Busy" });
        await env.Tokens.GetAsync(CancellationToken.None);
        env.Sandbox.Faults.FailNext(1, SandboxFaultKind.Latency, TimeSpan.FromMilliseconds(800));
        var slow = env.Connector.GetAsync("Accounts", id, CancellationToken.None);
        await WaitUntilAsync(() => env.Sandbox.CreditsUsed >= 1);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => env.Connector.GetAsync("Accounts", id, CancellationToken.None));

        Assert.Equal(ErrorKind.Throttled, error.Kind);
        Assert.Equal("TOO_MANY_REQUESTS", error.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.NotNull(await slow);
    }

    [Fact]
    public async Task DeleteAsync_ExistingRecord_RemovesItFromTheSandbox()
    {
        await using var env = await ZohoTestEnvironment.StartAsync();
        var id = env.Sandbox.CreateRecord("Contacts", new JsonObject { ["Last_Name"] = "Gone" });

        Assert.True(await env.Connector.DeleteAsync("Contacts", id, CancellationToken.None));

        Assert.Null(env.Sandbox.GetRecord("Contacts", id));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "condition not reached in time");
            await Task.Delay(10);
        }
    }
}
