using CrmBridge.Pipeline.Hosting;
using CrmBridge.Pipeline.Intake;
using CrmBridge.Pipeline.Tests.Fakes;
using CrmBridge.Pipeline.Tests.Intake;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Hosting;

public sealed class PollGateTests
{
    private static readonly TimeSpan Hold = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(30); // only guards a broken test from hanging
    private readonly PollTarget _accounts = new("crm", "accounts", TimeSpan.FromSeconds(30));
    private readonly PollTarget _orders = new("crm", "orders", TimeSpan.FromSeconds(30));
    private readonly FakeTimeProvider _time = new();
    private readonly ListLogger<PollingWorker> _logger = new();
    private readonly PollGate _gate;

    public PollGateTests() =>
        _gate = new PollGate(new PollOrder([PollOrderTests.Route("crm", "orders", ("crm", "accounts"))]), [_accounts, _orders], _time, _logger);

    [Fact]
    public async Task WaitForParentsAsync_ParentPollingAndThenMorePagesWaiting_WaitsUntilItsBacklogIsDone()
    {
        var wait = _gate.WaitForParentsAsync(_orders, Hold, CancellationToken.None); // the parent's backlog is unknown yet
        _gate.Started(_accounts);
        _gate.Finished(_accounts, hasMore: true);
        _gate.Started(_accounts);
        Assert.False(wait.IsCompleted);

        _gate.Finished(_accounts, hasMore: false);

        Assert.True(await wait.WaitAsync(Safety));
        Assert.True(await _gate.WaitForParentsAsync(_orders, Hold, CancellationToken.None).WaitAsync(Safety));
    }

    [Fact]
    public async Task WaitForParentsAsync_ParentNeverFinishes_ReleasedAfterTheMaxHoldAndLogged()
    {
        _gate.Started(_accounts);
        var wait = _gate.WaitForParentsAsync(_orders, Hold, CancellationToken.None);

        _time.Advance(Hold - TimeSpan.FromSeconds(1));
        Assert.False(wait.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(await wait.WaitAsync(Safety));
        Assert.Contains(_logger.Entries, e => e.Message.Contains("crm/orders waited 00:05:00", StringComparison.Ordinal) && e.Message.Contains("crm/accounts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WaitForParentsAsync_ParentFailed_ReleasedAtOnce()
    {
        _gate.Started(_accounts);
        var wait = _gate.WaitForParentsAsync(_orders, Hold, CancellationToken.None);

        _gate.Failed(_accounts);

        Assert.True(await wait.WaitAsync(Safety));
    }

    [Fact]
    public async Task WaitForParentsAsync_ParentOrHoldOff_DoesNotWait()
    {
        _gate.Started(_accounts);

        Assert.True(await _gate.WaitForParentsAsync(_accounts, Hold, CancellationToken.None).WaitAsync(Safety));
        Assert.True(await _gate.WaitForParentsAsync(_orders, TimeSpan.Zero, CancellationToken.None).WaitAsync(Safety));
    }
}
