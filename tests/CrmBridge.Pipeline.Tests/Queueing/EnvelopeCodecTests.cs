using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Testing.Queueing;
using Moq;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Queueing;

public sealed class EnvelopeCodecTests
{
    private readonly Mock<IClaimCheckStore> _claims = new(MockBehavior.Strict);

    [Fact]
    public async Task EncodeAsync_SmallSnapshot_StaysInlineWithoutClaimCheck()
    {
        var codec = new EnvelopeCodec(_claims.Object);
        var envelope = TestEnvelopes.Full();

        var text = await codec.EncodeAsync(envelope, CancellationToken.None);

        var decoded = await codec.DecodeAsync(text, CancellationToken.None);
        Assert.Equal(TestEnvelopes.Comparable(envelope), TestEnvelopes.Comparable(decoded));
        Assert.Null(decoded.SnapshotRef);
        _claims.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task EncodeAsync_SnapshotPastTheLimit_IsStoredAsideAndReferenced()
    {
        byte[]? stored = null;
        _claims.Setup(c => c.PutAsync(It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<CancellationToken>()))
            .Callback<ReadOnlyMemory<byte>, CancellationToken>((p, _) => stored = p.ToArray())
            .ReturnsAsync("ref-1");
        var codec = new EnvelopeCodec(_claims.Object, maxInlineBytes: 1024);
        var envelope = TestEnvelopes.New() with { Snapshot = TestEnvelopes.LargeSnapshot(4096) };

        var text = await codec.EncodeAsync(envelope, CancellationToken.None);

        var wire = EnvelopeCodec.Deserialize(text);
        Assert.Null(wire.Snapshot);
        Assert.Equal("ref-1", wire.SnapshotRef);
        Assert.True(Encoding.UTF8.GetByteCount(text) <= 1024);
        Assert.True(JsonNode.DeepEquals(envelope.Snapshot, JsonNode.Parse(stored!)));
    }

    [Fact]
    public async Task EncodeAsync_ReencodedEnvelopeWithLoadedSnapshot_GetsItsOwnClaimCheck()
    {
        _claims.Setup(c => c.PutAsync(It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<CancellationToken>())).ReturnsAsync("ref-new");
        var codec = new EnvelopeCodec(_claims.Object, maxInlineBytes: 1024);
        var retry = TestEnvelopes.New() with { Snapshot = TestEnvelopes.LargeSnapshot(4096), SnapshotRef = "ref-old" };

        var text = await codec.EncodeAsync(retry, CancellationToken.None);

        Assert.Equal("ref-new", EnvelopeCodec.Deserialize(text).SnapshotRef);
    }

    [Fact]
    public async Task EncodeAsync_SmallEnvelopeCarryingAnOldReference_DropsTheReference()
    {
        var codec = new EnvelopeCodec(_claims.Object);
        var retry = TestEnvelopes.New() with { Snapshot = new JsonObject { ["a"] = 1 }, SnapshotRef = "ref-old" };

        var text = await codec.EncodeAsync(retry, CancellationToken.None);

        Assert.Null(EnvelopeCodec.Deserialize(text).SnapshotRef);
    }

    [Fact]
    public async Task DecodeAsync_Reference_LoadsTheSnapshotAndKeepsTheReference()
    {
        _claims.Setup(c => c.GetAsync("ref-1", It.IsAny<CancellationToken>())).ReturnsAsync(Encoding.UTF8.GetBytes("{\"name\":\"big\"}"));
        var codec = new EnvelopeCodec(_claims.Object);
        var text = EnvelopeCodec.Serialize(TestEnvelopes.New() with { SnapshotRef = "ref-1" });

        var decoded = await codec.DecodeAsync(text, CancellationToken.None);

        Assert.Equal("big", decoded.Snapshot?["name"]?.GetValue<string>());
        Assert.Equal("ref-1", decoded.SnapshotRef);
    }

    [Fact]
    public async Task DecodeAsync_LostClaimCheck_ReturnsTheEnvelopeWithoutSnapshot()
    {
        _claims.Setup(c => c.GetAsync("gone", It.IsAny<CancellationToken>())).ReturnsAsync((byte[]?)null);
        var codec = new EnvelopeCodec(_claims.Object);

        var decoded = await codec.DecodeAsync(EnvelopeCodec.Serialize(TestEnvelopes.New() with { SnapshotRef = "gone" }), CancellationToken.None);

        Assert.Null(decoded.Snapshot);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("{\"id\":\"x\"}")]
    public async Task DecodeAsync_TextThatIsNotAnEnvelope_ThrowsJsonException(string text)
    {
        var codec = new EnvelopeCodec(_claims.Object);

        await Assert.ThrowsAnyAsync<JsonException>(() => codec.DecodeAsync(text, CancellationToken.None));
    }

    [Fact]
    public void Serialize_Enums_AreWrittenAsCamelCaseStrings()
    {
        var text = EnvelopeCodec.Serialize(TestEnvelopes.Full());

        Assert.Contains("\"operation\":\"Delete\"", text);
        Assert.Contains("\"firstSeen\":\"2026-11-27T10:11:12.345+08:00\"", text);
        Assert.DoesNotContain("snapshotRef", text);
    }

    [Fact]
    public async Task ReleaseAsync_WithAndWithoutReference_DeletesOnlyWhenReferenced()
    {
        _claims.Setup(c => c.DeleteAsync("ref-1", It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        var codec = new EnvelopeCodec(_claims.Object);

        await codec.ReleaseAsync(TestEnvelopes.New(), CancellationToken.None);
        await codec.ReleaseAsync(TestEnvelopes.New() with { SnapshotRef = "ref-1" }, CancellationToken.None);

        _claims.Verify(c => c.DeleteAsync("ref-1", It.IsAny<CancellationToken>()), Times.Once);
        _claims.VerifyNoOtherCalls();
    }
}
