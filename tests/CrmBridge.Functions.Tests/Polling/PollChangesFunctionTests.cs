using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CrmBridge.Connectors;
using CrmBridge.Functions.Polling;
using CrmBridge.Functions.Tests.Support;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline;
using CrmBridge.Pipeline.Hosting;
using CrmBridge.Pipeline.Intake;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using CrmBridge.Sandbox.Erp;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Xunit;

namespace CrmBridge.Functions.Tests.Polling;

/// <summary>The poll timer against the ERP sandbox's change feed, with checkpoints in Azurite tables.</summary>
public sealed class PollChangesFunctionTests(FunctionsAppFixture app) : IClassFixture<FunctionsAppFixture>
{
    [Fact]
    public async Task RunAsync_ErpChanges_EnqueuesOnePollEnvelopePerChangeAndAdvancesCheckpoint()
    {
        var created = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var record = await app.Erp.UpsertRecordAsync(ErpEntities.Customers, "poll-" + Guid.NewGuid().ToString("N")[..8], new JsonObject { ["name"] = $"Poll {i}" });
            created.Add(record["id"]!.GetValue<string>());
        }

        await app.Create<PollChangesFunction>().RunAsync(new TimerInfo(), CancellationToken.None);

        var envelopes = (await app.Queue.DrainAsync()).Select(m => EnvelopeCodec.Deserialize(m.Text)).ToList();
        Assert.All(created, id => Assert.Contains(envelopes, e => e.System == "erp" && e.Entity == ErpEntities.Customers && e.RecordId == id && e.Origin == EnvelopeOrigins.Poll));

        // The checkpoint moved past these changes: the next run finds nothing new.
        await app.Create<PollChangesFunction>().RunAsync(new TimerInfo(), CancellationToken.None);
        Assert.Empty(await app.Queue.DrainAsync());
    }

    [Fact]
    public async Task RunAsync_OneTargetFails_PollsTheOthersAndReportsTheFailure()
    {
        var options = Options.Create(new FunctionsOptions
        {
            PollTargets = [new() { System = "nosuchsystem", Entity = "x" }, new() { System = "erp", Entity = ErpEntities.Customers }],
        });
        var record = await app.Erp.UpsertRecordAsync(ErpEntities.Customers, "poll-" + Guid.NewGuid().ToString("N")[..8], new JsonObject { ["name"] = "Still polled" });
        var function = new PollChangesFunction(app.Services.GetRequiredService<PollRound>(), options, NullLogger<PollChangesFunction>.Instance);

        var error = await Assert.ThrowsAsync<PollFailedException>(() => function.RunAsync(new TimerInfo(), CancellationToken.None));

        Assert.Equal(["nosuchsystem/x"], error.Targets);
        var ids = (await app.Queue.DrainAsync()).Select(m => EnvelopeCodec.Deserialize(m.Text).RecordId);
        Assert.Contains(record["id"]!.GetValue<string>(), ids);
    }

    [Fact]
    public async Task RunAsync_OrdersAndCasesLookUpAccounts_PollsAccountsBeforeThem()
    {
        // The accounts poll lasts until another poll starts beside it (or a fake minute passes): polled side by side as
        // before, orders and cases start during it; in tiers they start only after it returned.
        var system = "tiers" + Guid.NewGuid().ToString("N")[..8];
        var time = new FakeTimeProvider();
        var events = new ConcurrentQueue<string>();
        var othersStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var accountsStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var connector = new Mock<IConnector>();
        connector.SetupGet(c => c.System).Returns(system);
        connector.Setup(c => c.GetChangesAsync("accounts", null, It.IsAny<CancellationToken>())).Returns(async () =>
        {
            accountsStarted.TrySetResult();
            await othersStarted.Task.WaitAsync(TimeSpan.FromMinutes(1), time).ContinueWith(_ => { }, TaskScheduler.Default);
            events.Enqueue("accounts returned");
            return new ChangePage([], null, false);
        });
        foreach (var entity in new[] { "orders", "cases" })
        {
            connector.Setup(c => c.GetChangesAsync(entity, null, It.IsAny<CancellationToken>())).ReturnsAsync(() =>
            {
                events.Enqueue(entity + " started");
                othersStarted.TrySetResult();
                return new ChangePage([], null, false);
            });
        }

        var poller = new ChangePoller(new ConnectorRegistry([connector.Object]), app.Services.GetRequiredService<ICheckpointStore>(), app.Services.GetRequiredService<ChangeIntake>(), NullLogger<ChangePoller>.Instance);
        var order = new PollOrder([Route(system, "orders"), Route(system, "cases")]);
        var options = Options.Create(new FunctionsOptions
        {
            PollConcurrency = 4,
            PollTargets = [new() { System = system, Entity = "orders" }, new() { System = system, Entity = "cases" }, new() { System = system, Entity = "accounts" }],
        });
        var function = new PollChangesFunction(new PollRound(poller, app.Services.GetRequiredService<PollHealth>(), order), options, NullLogger<PollChangesFunction>.Instance);

        var run = function.RunAsync(new TimerInfo(), CancellationToken.None);
        await accountsStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromMinutes(1));
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("accounts returned", events.First());
        Assert.Equal(3, events.Count);
    }

    /// <summary>A route whose lookup references the same system's accounts, as the shipped mappings' <c>lookup: customer</c>.</summary>
    private static SyncRoute Route(string system, string entity) => new()
    {
        Name = $"{system}-{entity}",
        SourceSystem = system,
        SourceEntity = entity,
        TargetSystem = "erp",
        TargetEntity = entity,
        SourceKeyField = "id",
        TargetKeyField = "externalId",
        Lookups = [new LookupDefinition("customer", system, "accounts", "erp", "customers")],
    };
}
