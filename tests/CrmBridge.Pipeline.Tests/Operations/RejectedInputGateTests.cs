using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using CrmBridge.Pipeline.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Operations;

public sealed class RejectedInputGateTests
{
    private readonly InMemorySyncStateStore _state = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.Zero));

    private RejectedInputGate Gate(Action<PipelineOptions>? configure = null)
    {
        var options = new PipelineOptions();
        configure?.Invoke(options);
        var deadLetters = new DeadLetterService(_state, new InMemoryWorkQueue(), _time, NullLogger<DeadLetterService>.Instance);
        return new RejectedInputGate(deadLetters, _state, Options.Create(options), _time, NullLogger<RejectedInputGate>.Instance);
    }

    private static Task<string?> RejectAsync(RejectedInputGate gate, int i, string body = "{\"bad\":true}") =>
        gate.RecordAsync("zoho", EnvelopeOrigins.Webhook, "ids is missing", body + i, $"c{i}", CancellationToken.None);

    [Fact]
    public async Task RecordAsync_MoreThanThePerMinuteRate_StoresOnlyTheRateButCountsAll()
    {
        var gate = Gate(o => o.RejectedInputPerMinute = 3);

        for (var i = 0; i < 10; i++)
        {
            await RejectAsync(gate, i);
        }

        Assert.Equal(3, _state.DeadLetters.Count);
        Assert.Equal((10L, 7L), (gate.Rejected, gate.NotStored));

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.NotNull(await RejectAsync(gate, 10));
    }

    [Fact]
    public async Task RecordAsync_OpenLettersAtTheCap_StoresNoMore()
    {
        var gate = Gate(o => o.MaxOpenRejectedInput = 5);

        for (var i = 0; i < 8; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            await RejectAsync(gate, i);
        }

        Assert.Equal(5, _state.DeadLetters.Count);
        Assert.Equal(3, gate.NotStored);
    }

    [Fact]
    public async Task RecordAsync_LargeBody_KeepsOnlyTheConfiguredBytes()
    {
        var gate = Gate(o => o.MaxRejectedBodyBytes = 1024);

        await RejectAsync(gate, 0, new string('x', 20_000));

        var kept = Assert.Single(_state.DeadLetters).Envelope.Snapshot!["rawBody"]!.GetValue<string>();
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(kept) <= 1024 + 16, $"{kept.Length} characters kept");
        Assert.EndsWith("(cut)", kept, StringComparison.Ordinal);
    }
}
