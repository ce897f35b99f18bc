using System.Collections.Concurrent;
using CrmBridge.Connectors;
using CrmBridge.Pipeline.Hosting;
using CrmBridge.Pipeline.Intake;
using CrmBridge.Pipeline.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Intake;

public sealed class PollRoundTests
{
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(30); // only guards a broken test from hanging
    private readonly Mock<IConnector> _connector = new();
    private readonly InMemorySyncStateStore _state = new();
    private readonly FakeTimeProvider _time = new();
    private readonly ConcurrentQueue<string> _events = new();

    public PollRoundTests() => _connector.SetupGet(c => c.System).Returns("crm");

    [Fact]
    public async Task RunAsync_OrdersAndCasesLookUpAccounts_PollsAccountsBeforeEitherStarts()
    {
        // The accounts poll lasts until another poll starts beside it (or a fake minute passes): polled side by side,
        // orders and cases would start during it; in tiers they start only after it returned.
        var othersStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var accountsStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _connector.Setup(c => c.GetChangesAsync("accounts", null, It.IsAny<CancellationToken>())).Returns(async () =>
        {
            accountsStarted.TrySetResult();
            await othersStarted.Task.WaitAsync(TimeSpan.FromMinutes(1), _time).ContinueWith(_ => { }, TaskScheduler.Default);
            _events.Enqueue("accounts returned");
            return new ChangePage([], null, false);
        });
        foreach (var entity in new[] { "orders", "cases" })
        {
            _connector.Setup(c => c.GetChangesAsync(entity, null, It.IsAny<CancellationToken>())).ReturnsAsync(() =>
            {
                _events.Enqueue(entity + " started");
                othersStarted.TrySetResult();
                return new ChangePage([], null, false);
            });
        }

        var order = new PollOrder([PollOrderTests.Route("crm", "orders", ("crm", "accounts")), PollOrderTests.Route("crm", "cases", ("crm", "accounts"))]);
        var round = new PollRound(
            new ChangePoller(new ConnectorRegistry([_connector.Object]), _state, new ChangeIntake(new InMemoryWorkQueue(), _time), NullLogger<ChangePoller>.Instance),
            new PollHealth(_state, _time, NullLogger<PollHealth>.Instance),
            order);
        PollTarget[] targets = [new("crm", "orders", TimeSpan.FromSeconds(1)), new("crm", "cases", TimeSpan.FromSeconds(1)), new("crm", "accounts", TimeSpan.FromSeconds(1))];

        var run = round.RunAsync(targets, maxPages: 10, concurrency: 4, CancellationToken.None);
        await accountsStarted.Task.WaitAsync(Safety);
        _time.Advance(TimeSpan.FromMinutes(1));
        var outcomes = await run.WaitAsync(Safety);

        Assert.Equal("accounts returned", _events.First());
        Assert.Equal(3, _events.Count);
        Assert.Equal(["accounts", "orders", "cases"], outcomes.Select(o => o.Target.Entity));
        Assert.All(outcomes, o => Assert.Null(o.Error));
    }

    [Fact]
    public async Task RunAsync_ParentFails_StillPollsItsDependantsAndReportsTheFailure()
    {
        _connector.Setup(c => c.GetChangesAsync("accounts", null, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConnectorException("crm", ErrorKind.Permanent, "HTTP_401", "token revoked", 401));
        _connector.Setup(c => c.GetChangesAsync("orders", null, It.IsAny<CancellationToken>())).ReturnsAsync(new ChangePage([], null, false));
        var round = new PollRound(
            new ChangePoller(new ConnectorRegistry([_connector.Object]), _state, new ChangeIntake(new InMemoryWorkQueue(), _time), NullLogger<ChangePoller>.Instance),
            new PollHealth(_state, _time, NullLogger<PollHealth>.Instance),
            new PollOrder([PollOrderTests.Route("crm", "orders", ("crm", "accounts"))]));

        var outcomes = await round.RunAsync([new("crm", "orders", TimeSpan.FromSeconds(1)), new("crm", "accounts", TimeSpan.FromSeconds(1))], 10, 4, CancellationToken.None);

        Assert.IsType<ConnectorException>(outcomes[0].Error);
        Assert.Equal("orders", outcomes[1].Target.Entity);
        Assert.NotNull(outcomes[1].Result);
    }

    [Fact]
    public async Task RunAsync_AnotherSystemsPollIsSlow_DependantsStartOnceTheirOwnParentsAreDone()
    {
        // The ERP poll lasts until the orders poll started (or a fake minute passes): it holds back nothing but its own dependants.
        var ordersStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var erp = new Mock<IConnector>();
        erp.SetupGet(c => c.System).Returns("erp");
        erp.Setup(c => c.GetChangesAsync("salesOrders", null, It.IsAny<CancellationToken>())).Returns(async () =>
        {
            await ordersStarted.Task.WaitAsync(TimeSpan.FromMinutes(1), _time).ContinueWith(_ => { }, TaskScheduler.Default);
            return new ChangePage([], null, false);
        });
        _connector.Setup(c => c.GetChangesAsync("accounts", null, It.IsAny<CancellationToken>())).ReturnsAsync(new ChangePage([], null, false));
        _connector.Setup(c => c.GetChangesAsync("orders", null, It.IsAny<CancellationToken>())).ReturnsAsync(() =>
        {
            ordersStarted.TrySetResult();
            return new ChangePage([], null, false);
        });
        var round = new PollRound(
            new ChangePoller(new ConnectorRegistry([_connector.Object, erp.Object]), _state, new ChangeIntake(new InMemoryWorkQueue(), _time), NullLogger<ChangePoller>.Instance),
            new PollHealth(_state, _time, NullLogger<PollHealth>.Instance),
            new PollOrder([PollOrderTests.Route("crm", "orders", ("crm", "accounts"))]));
        PollTarget[] targets = [new("crm", "orders", TimeSpan.FromSeconds(1)), new("erp", "salesOrders", TimeSpan.FromSeconds(1)), new("crm", "accounts", TimeSpan.FromSeconds(1))];

        var outcomes = await round.RunAsync(targets, 10, 4, CancellationToken.None).WaitAsync(Safety);

        Assert.True(ordersStarted.Task.IsCompleted);
        Assert.Equal(["salesOrders", "accounts", "orders"], outcomes.Select(o => o.Target.Entity));
        Assert.All(outcomes, o => Assert.Null(o.Error));
    }
}
