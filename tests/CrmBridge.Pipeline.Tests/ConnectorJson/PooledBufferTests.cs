using System.Text;
using CrmBridge.Connectors.Json;
using Xunit;

namespace CrmBridge.Pipeline.Tests.ConnectorJson;

public sealed class PooledBufferTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(8 * 1024)]
    [InlineData(300_001)]
    public async Task ReadAsync_StreamOfAnySize_HoldsExactlyItsBytes(int length)
    {
        var bytes = Enumerable.Range(0, length).Select(i => (byte)(i * 31)).ToArray();

        using var buffer = await PooledBuffer.ReadAsync(new TrickleStream(bytes), CancellationToken.None);

        Assert.Equal(bytes, buffer.ToArray());
        Assert.Equal(length, buffer.WrittenMemory.Length);
    }

    [Fact]
    public void GetSpan_AfterDispose_Throws()
    {
        var buffer = new PooledBuffer();
        buffer.Dispose();
        buffer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => buffer.GetSpan(1));
        Assert.Equal(0, buffer.WrittenSpan.Length);
    }

    [Fact]
    public void Advance_AcrossGrowths_KeepsEarlierBytes()
    {
        using var buffer = new PooledBuffer(4);
        foreach (var word in new[] { "alpha ", "beta ", new string('x', 70_000), " end" })
        {
            var written = Encoding.ASCII.GetBytes(word, buffer.GetSpan(word.Length));
            buffer.Advance(written);
        }

        var text = Encoding.ASCII.GetString(buffer.WrittenSpan);
        Assert.StartsWith("alpha beta xxx", text, StringComparison.Ordinal);
        Assert.EndsWith("x end", text, StringComparison.Ordinal);
        Assert.Equal(6 + 5 + 70_000 + 4, text.Length);
    }

    /// <summary>A stream that answers at most 1,000 bytes per read, as a socket does.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1_000)], cancellationToken);
    }
}
