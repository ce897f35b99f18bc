using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Hosting;
using CrmBridge.Pipeline.Intake;
using CrmBridge.Pipeline.Tests.Fakes;
using CrmBridge.Pipeline.Tests.Intake;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Hosting;

public sealed class PollingWorkerTests
{
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(30); // only guards a broken test from hanging
    private readonly Mock<IConnector> _connector = new();
    private readonly InMemorySyncStateStore _state = new();
    private readonly FakeTimeProvider _time = new();
    private readonly ConcurrentQueue<string> _events = new();

    public PollingWorkerTests() => _connector.SetupGet(c => c.System).Returns("crm");

    private static ChangePage Page(string id) => new([new RecordChange(id, ChangeOperation.Upsert, "1", new JsonObject { ["id"] = id })], "done", false);

    private PollingWorker Worker(IEnumerable<SyncRoute> routes, params string[] entities)
    {
        var poller = new ChangePoller(new ConnectorRegistry([_connector.Object]), _state, new ChangeIntake(new InMemoryWorkQueue(), _time), NullLogger<ChangePoller>.Instance);
        var health = new PollHealth(_state, _time, NullLogger<PollHealth>.Instance);
        var schedule = new PollSchedule(entities.Select(e => new PollTarget("crm", e, TimeSpan.FromMinutes(1))).ToList());
        return new PollingWorker(poller, health, schedule, _time, new PollOrder(routes), Options.Create(new PipelineOptions()), NullLogger<PollingWorker>.Instance);
    }

    [Fact]
    public async Task ExecuteAsync_OrdersLookUpAccounts_OrdersPollStartsAfterTheAccountsPollReturned()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var accountsStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ordersPolled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _connector.Setup(c => c.GetChangesAsync("accounts", null, It.IsAny<CancellationToken>())).Returns(async () =>
        {
            _events.Enqueue("accounts started");
            accountsStarted.TrySetResult();
            await release.Task;
            _events.Enqueue("accounts returned");
            return Page("a1");
        });
        _connector.Setup(c => c.GetChangesAsync("orders", null, It.IsAny<CancellationToken>())).ReturnsAsync(() =>
        {
            _events.Enqueue("orders started");
            ordersPolled.TrySetResult();
            return Page("o1");
        });
        using var worker = Worker([PollOrderTests.Route("crm", "orders", ("crm", "accounts"))], "orders", "accounts");

        await worker.StartAsync(CancellationToken.None);
        await accountsStarted.Task.WaitAsync(Safety);
        release.SetResult();
        await ordersPolled.Task.WaitAsync(Safety);
        await worker.StopAsync(CancellationToken.None);

        Assert.Equal(["accounts started", "accounts returned", "orders started"], _events);
    }

    [Fact]
    public async Task ExecuteAsync_LookupsFormACycle_BothPollWithoutWaitingForTheHold()
    {
        var polled = new ConcurrentDictionary<string, TaskCompletionSource>();
        foreach (var entity in new[] { "a", "b" })
        {
            polled[entity] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _connector.Setup(c => c.GetChangesAsync(entity, null, It.IsAny<CancellationToken>())).ReturnsAsync(() =>
            {
                polled[entity].TrySetResult();
                return Page(entity + "1");
            });
        }

        using var worker = Worker([PollOrderTests.Route("crm", "a", ("crm", "b")), PollOrderTests.Route("crm", "b", ("crm", "a"))], "a", "b");

        await worker.StartAsync(CancellationToken.None);

        // The fake clock never moves: had each waited for the other, neither would ever poll.
        await Task.WhenAll(polled.Values.Select(t => t.Task)).WaitAsync(Safety);
        await worker.StopAsync(CancellationToken.None);
    }
}
