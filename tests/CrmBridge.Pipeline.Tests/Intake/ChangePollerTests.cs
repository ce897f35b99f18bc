using System.Text.Json.Nodes;
using CrmBridge.Connectors;
using CrmBridge.Pipeline.Intake;
using CrmBridge.Pipeline.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Intake;

public sealed class ChangePollerTests
{
    private readonly Mock<IConnector> _connector = new(MockBehavior.Strict);
    private readonly InMemoryWorkQueue _queue = new();
    private readonly InMemorySyncStateStore _state = new();
    private readonly ChangePoller _poller;

    public ChangePollerTests()
    {
        _connector.SetupGet(c => c.System).Returns("crm");
        _poller = new ChangePoller(new ConnectorRegistry([_connector.Object]), _state, new ChangeIntake(_queue, new FakeTimeProvider()), NullLogger<ChangePoller>.Instance);
    }

    private static RecordChange Change(string id) => new(id, ChangeOperation.Upsert, "1", new JsonObject { ["id"] = id });

    [Fact]
    public async Task PollAsync_TwoPages_EnqueuesAllAndStoresTheLastCheckpoint()
    {
        _connector.Setup(c => c.GetChangesAsync("accounts", null, It.IsAny<CancellationToken>())).ReturnsAsync(new ChangePage([Change("1"), Change("2")], "p2", true));
        _connector.Setup(c => c.GetChangesAsync("accounts", "p2", It.IsAny<CancellationToken>())).ReturnsAsync(new ChangePage([Change("3")], "p3", false));

        var result = await _poller.PollAsync("crm", "accounts", CancellationToken.None);

        Assert.Equal(new PollResult(3, 2, false, false), result);
        Assert.Equal(["1", "2", "3"], _queue.Enqueued.Select(e => e.Envelope.RecordId));
        Assert.All(_queue.Enqueued, e => Assert.NotNull(e.Envelope.Snapshot));
        Assert.Equal("p3", (await _state.GetCheckpointAsync("crm", "accounts", CancellationToken.None))!.Value);
    }

    [Fact]
    public async Task PollAsync_PageLimitReachedWithMorePages_ReportsHasMore()
    {
        _connector.Setup(c => c.GetChangesAsync("accounts", null, It.IsAny<CancellationToken>())).ReturnsAsync(new ChangePage([Change("1")], "p2", true));
        _connector.Setup(c => c.GetChangesAsync("accounts", "p2", It.IsAny<CancellationToken>())).ReturnsAsync(new ChangePage([Change("2")], "p3", true));

        var limited = await _poller.PollAsync("crm", "accounts", 2, CancellationToken.None);

        Assert.True(limited.HasMore);
        Assert.Equal(2, limited.Pages);
    }

    [Fact]
    public async Task PollAsync_ConnectorFailsMidway_CheckpointCoversOnlyEnqueuedPages()
    {
        _connector.Setup(c => c.GetChangesAsync("accounts", null, It.IsAny<CancellationToken>())).ReturnsAsync(new ChangePage([Change("1")], "p2", true));
        _connector.Setup(c => c.GetChangesAsync("accounts", "p2", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConnectorException("crm", ErrorKind.Transient, "HTTP_503", "down", 503));

        await Assert.ThrowsAsync<ConnectorException>(() => _poller.PollAsync("crm", "accounts", CancellationToken.None));

        Assert.Equal("p2", (await _state.GetCheckpointAsync("crm", "accounts", CancellationToken.None))!.Value);
        Assert.Single(_queue.Enqueued);
    }

    [Fact]
    public async Task PollAsync_AnotherPollerAdvancedTheCheckpoint_StopsWithConflict()
    {
        _connector.Setup(c => c.GetChangesAsync("accounts", null, It.IsAny<CancellationToken>()))
            .Callback(() => _state.Bump("crm", "accounts", "other"))
            .ReturnsAsync(new ChangePage([Change("1")], "p2", true));

        var result = await _poller.PollAsync("crm", "accounts", CancellationToken.None);

        Assert.True(result.Conflict);
        Assert.Equal("other", (await _state.GetCheckpointAsync("crm", "accounts", CancellationToken.None))!.Value);
    }

    [Fact]
    public async Task PollAsync_ExpiredCheckpoint_RestartsWithAFullResync()
    {
        await _state.SaveCheckpointAsync("crm", "accounts", "old-delta", null, CancellationToken.None);
        _connector.Setup(c => c.GetChangesAsync("accounts", "old-delta", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConnectorException("crm", ErrorKind.CheckpointExpired, "0x80044352", "delta token expired", 400));
        _connector.Setup(c => c.GetChangesAsync("accounts", null, It.IsAny<CancellationToken>())).ReturnsAsync(new ChangePage([Change("1"), Change("2")], "new-delta", false));

        var result = await _poller.PollAsync("crm", "accounts", CancellationToken.None);

        Assert.True(result.FullResync);
        Assert.Equal(2, result.Enqueued);
        Assert.Equal("new-delta", (await _state.GetCheckpointAsync("crm", "accounts", CancellationToken.None))!.Value);
    }
}
