using CrmBridge.Connectors;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.Tests.Fakes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Operations;

public sealed class ConnectionHealthReporterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.Zero));
    private readonly InMemorySyncStateStore _store = new();

    [Fact]
    public async Task RunOnceAsync_TokenFailsForTenPassesThenWorks_LogsTheProblemOnceAndTheRecoveryOnce()
    {
        var registry = new ConnectionHealthRegistry(_time);
        var logger = new ListLogger<ConnectionHealthReporter>();
        var reporter = new ConnectionHealthReporter(
            new ConnectionHealthPublisher(registry, _store, NullLogger<ConnectionHealthPublisher>.Instance),
            new ConnectionHealthService(_store, [], _time, registry, Options.Create(new PipelineOptions())),
            logger);
        var zoho = registry.For("zoho");

        for (var pass = 0; pass < 10; pass++)
        {
            zoho.TokenFailed("invalid_code", $"zoho: the refresh token was revoked (attempt {pass}): set Connectors:Zoho:RefreshToken.");
            await reporter.RunOnceAsync(CancellationToken.None);
            _time.Advance(TimeSpan.FromSeconds(30));
        }

        zoho.TokenObtained(_time.GetUtcNow().AddHours(1));
        await reporter.RunOnceAsync(CancellationToken.None);
        await reporter.RunOnceAsync(CancellationToken.None);

        Assert.Equal(
            [
                (LogLevel.Warning, "Connection zoho Authentication: zoho: the refresh token was revoked (attempt 0): set Connectors:Zoho:RefreshToken. (failing since 2026-11-28 06:00:00Z)"),
                (LogLevel.Information, "Connection zoho is healthy again"),
            ],
            logger.Entries.Select(e => (e.Level, e.Message)));
        Assert.Single(ConnectionHealthPublisher.FromCheckpoints(await _store.ListCheckpointsAsync(CancellationToken.None)));
    }
}
