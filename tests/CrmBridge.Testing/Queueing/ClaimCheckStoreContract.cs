using System.Text;
using System.Text.Json.Nodes;
using CrmBridge.Pipeline.Queueing;
using Xunit;

namespace CrmBridge.Testing.Queueing;

/// <summary>
/// The contract every <see cref="IClaimCheckStore"/> adapter passes, alone and behind <see cref="EnvelopeCodec"/>.
/// Subclass it with one line per adapter.
/// </summary>
/// <typeparam name="TFixture">The fixture that provides the store.</typeparam>
public abstract class ClaimCheckStoreContract<TFixture> : IClassFixture<TFixture>
    where TFixture : class, IClaimCheckStoreFixture
{
    /// <summary>Initializes a new instance of the <see cref="ClaimCheckStoreContract{TFixture}"/> class.</summary>
    /// <param name="fixture">The fixture.</param>
    protected ClaimCheckStoreContract(TFixture fixture) => Fixture = fixture;

    /// <summary>Gets the fixture.</summary>
    protected TFixture Fixture { get; }

    private IClaimCheckStore Store => Fixture.Store;

    [Fact]
    public async Task PutAsync_ThenGet_ReturnsTheSameBytes()
    {
        var payload = new byte[300 * 1024];
        Random.Shared.NextBytes(payload);

        var reference = await Store.PutAsync(payload, CancellationToken.None);
        var read = await Store.GetAsync(reference, CancellationToken.None);

        Assert.Equal(payload, read);
    }

    [Fact]
    public async Task PutAsync_SamePayloadTwice_ReturnsDistinctReferences()
    {
        var payload = Encoding.UTF8.GetBytes("{\"a\":1}");

        var first = await Store.PutAsync(payload, CancellationToken.None);
        var second = await Store.PutAsync(payload, CancellationToken.None);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task PurgeAsync_PayloadsStoredBeforeTheCutOff_AreDeletedNewerKept()
    {
        var reference = await Store.PutAsync(Encoding.UTF8.GetBytes("{\"orphan\":true}"), CancellationToken.None);

        var early = await Store.PurgeAsync(DateTimeOffset.UtcNow.AddDays(-2), CancellationToken.None);
        Assert.NotNull(await Store.GetAsync(reference, CancellationToken.None));

        var purged = await Store.PurgeAsync(DateTimeOffset.UtcNow.AddDays(2), CancellationToken.None);

        Assert.Equal(0, early);
        Assert.True(purged >= 1);
        Assert.Null(await Store.GetAsync(reference, CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_UnknownReference_ReturnsNull()
    {
        var read = await Store.GetAsync(Guid.NewGuid().ToString("N"), CancellationToken.None);

        Assert.Null(read);
    }

    [Fact]
    public async Task DeleteAsync_StoredPayload_IsGoneAfterwards()
    {
        var reference = await Store.PutAsync(Encoding.UTF8.GetBytes("{}"), CancellationToken.None);

        await Store.DeleteAsync(reference, CancellationToken.None);

        Assert.Null(await Store.GetAsync(reference, CancellationToken.None));
    }

    [Fact]
    public async Task DeleteAsync_MissingPayload_DoesNotThrow()
    {
        var reference = await Store.PutAsync(Encoding.UTF8.GetBytes("{}"), CancellationToken.None);
        await Store.DeleteAsync(reference, CancellationToken.None);

        var error = await Record.ExceptionAsync(() => Store.DeleteAsync(reference, CancellationToken.None));

        Assert.Null(error);
    }

    [Fact]
    public async Task EncodeAsync_SnapshotOver64KiB_RoundTripsThroughTheStoreAndReleases()
    {
        var codec = new EnvelopeCodec(Store);
        var envelope = TestEnvelopes.Full() with { Snapshot = TestEnvelopes.LargeSnapshot(70 * 1024) };

        var text = await codec.EncodeAsync(envelope, CancellationToken.None);
        var decoded = await codec.DecodeAsync(text, CancellationToken.None);

        Assert.True(Encoding.UTF8.GetByteCount(text) <= codec.MaxInlineBytes);
        var reference = Assert.IsType<string>(decoded.SnapshotRef);
        Assert.True(JsonNode.DeepEquals(envelope.Snapshot, decoded.Snapshot));
        Assert.Equal(TestEnvelopes.Comparable(envelope), TestEnvelopes.Comparable(decoded));
        await codec.ReleaseAsync(decoded, CancellationToken.None);
        Assert.Null(await Store.GetAsync(reference, CancellationToken.None));
    }

    [Fact]
    public async Task DecodeAsync_ClaimCheckAlreadyReleased_ReturnsEnvelopeWithoutSnapshot()
    {
        var codec = new EnvelopeCodec(Store);
        var text = await codec.EncodeAsync(TestEnvelopes.New() with { Snapshot = TestEnvelopes.LargeSnapshot(70 * 1024) }, CancellationToken.None);
        await codec.ReleaseAsync(EnvelopeCodec.Deserialize(text), CancellationToken.None);

        var decoded = await codec.DecodeAsync(text, CancellationToken.None);

        Assert.Null(decoded.Snapshot);
        Assert.NotNull(decoded.SnapshotRef);
    }
}
