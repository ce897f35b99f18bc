using System.Text;
using CrmBridge.Connectors.Json;
using Xunit;

namespace CrmBridge.Pipeline.Tests.ConnectorBodies;

public sealed class SegmentedBufferTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(SegmentedBuffer.SegmentSize)]
    [InlineData(300_001)]
    public async Task ReadAsync_StreamOfAnySize_HoldsExactlyItsBytesInSmallSegments(int length)
    {
        var bytes = Enumerable.Range(0, length).Select(i => (byte)(i * 31)).ToArray();

        var buffer = await SegmentedBuffer.ReadAsync(new TrickleStream(bytes), CancellationToken.None);

        Assert.Equal(bytes, buffer.ToArray());
        Assert.Equal(length, buffer.Length);
        foreach (var segment in buffer.WrittenSequence)
        {
            Assert.InRange(segment.Length, 0, 84_999);
        }
    }

    [Fact]
    public async Task ReadAsync_SmallBody_OneSmallSegment()
    {
        var buffer = await SegmentedBuffer.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes("""{"error":{"code":"x"}}""")), CancellationToken.None);

        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(buffer.WrittenSequence.First, out var segment));
        Assert.Equal(SegmentedBuffer.FirstSegmentSize, segment.Array!.Length);
        Assert.Equal(22, buffer.Length);
    }

    [Fact]
    public void GetSpan_AcrossSegments_KeepsEarlierBytesInOrder()
    {
        var buffer = new SegmentedBuffer();
        foreach (var word in new[] { "alpha ", "beta ", new string('x', 70_000), new string('y', 100_000), " end" })
        {
            buffer.Advance(Encoding.ASCII.GetBytes(word, buffer.GetSpan(word.Length)));
        }

        var text = Encoding.ASCII.GetString(buffer.WrittenSequence);
        Assert.Equal("alpha beta " + new string('x', 70_000) + new string('y', 100_000) + " end", text);
        Assert.Equal(text.Length, buffer.Length);
    }

    [Fact]
    public async Task CopyToAsync_ManySegments_WritesEveryByteInOrder()
    {
        var bytes = Enumerable.Range(0, 200_000).Select(i => (byte)i).ToArray();
        var buffer = await SegmentedBuffer.ReadAsync(new MemoryStream(bytes), CancellationToken.None);
        using var copy = new MemoryStream();

        await buffer.CopyToAsync(copy, CancellationToken.None);

        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public void Append_LongTextWithMultiByteCharacters_EncodedWholeAcrossSegments()
    {
        // 3-byte characters and surrogate pairs (4 bytes) around every segment-sized step.
        var text = string.Concat(Enumerable.Repeat("纷享销客 😀 Müller ", 20_000));
        var buffer = new SegmentedBuffer();

        buffer.Append("start ").Append(text).Append(" end");

        Assert.Equal("start " + text + " end", Encoding.UTF8.GetString(buffer.WrittenSequence));
        foreach (var segment in buffer.WrittenSequence)
        {
            Assert.InRange(segment.Length, 0, 84_999);
        }
    }

    [Fact]
    public void Advance_PastTheMemoryHandedOut_Throws()
    {
        var buffer = new SegmentedBuffer();
        buffer.GetSpan(10);

        Assert.Throws<InvalidOperationException>(() => buffer.Advance(SegmentedBuffer.SegmentSize + 1));
    }

    /// <summary>A stream that answers at most 1,000 bytes per read, as a socket does.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1_000)], cancellationToken);
    }
}
