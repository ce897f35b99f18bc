using System.Text.Json.Nodes;
using CrmBridge.Functions.Polling;
using CrmBridge.Functions.Tests.Support;
using CrmBridge.Pipeline.Intake;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Sandbox.Erp;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
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
        var function = new PollChangesFunction(app.Services.GetRequiredService<ChangePoller>(), app.Services.GetRequiredService<PollHealth>(), options, NullLogger<PollChangesFunction>.Instance);

        var error = await Assert.ThrowsAsync<PollFailedException>(() => function.RunAsync(new TimerInfo(), CancellationToken.None));

        Assert.Equal(["nosuchsystem/x"], error.Targets);
        var ids = (await app.Queue.DrainAsync()).Select(m => EnvelopeCodec.Deserialize(m.Text).RecordId);
        Assert.Contains(record["id"]!.GetValue<string>(), ids);
    }
}
