using System.Buffers;

namespace CrmBridge.Connectors.Json;

/// <summary>
/// A growable byte buffer rented from <see cref="ArrayPool{T}.Shared"/> and returned on <see cref="Dispose"/>: a large
/// response or request body is read or written without allocating a new large-object-heap array per call.
/// </summary>
public sealed class PooledBuffer : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer;
    private int _written;

    /// <summary>Initializes a new instance of the <see cref="PooledBuffer"/> class.</summary>
    /// <param name="initialCapacity">The first rental's minimum size.</param>
    public PooledBuffer(int initialCapacity = 16 * 1024) => _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);

    /// <summary>Gets the bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    /// <summary>Gets the bytes written so far; valid until <see cref="Dispose"/>.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    /// <summary>Reads a stream to its end into a new pooled buffer.</summary>
    /// <param name="stream">The stream (a response body).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The buffer; dispose it when done with its bytes.</returns>
    public static async Task<PooledBuffer> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new PooledBuffer();
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.GetMemory(8 * 1024), cancellationToken).ConfigureAwait(false)) > 0)
            {
                buffer.Advance(read);
            }

            return buffer;
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Advance(int count) => _written += count;

    /// <inheritdoc/>
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        // Reserve first: it may replace _buffer, which `_buffer.AsMemory(Reserve(...))` would have read before the call.
        var start = Reserve(sizeHint);
        return _buffer.AsMemory(start);
    }

    /// <inheritdoc/>
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        var start = Reserve(sizeHint);
        return _buffer.AsSpan(start);
    }

    /// <summary>Copies the written bytes into an array of their exact size.</summary>
    /// <returns>The copy.</returns>
    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <inheritdoc/>
    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private int Reserve(int sizeHint)
    {
        ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
            _buffer.AsSpan(0, _written).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        return _written;
    }
}
