using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Json;

/// <summary>
/// A growable byte buffer made of segments of up to 64 KB, read as a <see cref="ReadOnlySequence{T}"/>. A response or request
/// body of any size then never needs one contiguous array: a 5 MB change page is 80 small-object-heap segments, short-lived
/// garbage for the youngest generation, instead of a large-object-heap array (or a rented one the shared pool keeps)
/// per call. During an initial scan those large arrays piled up faster than full collections returned them.
/// </summary>
public sealed class SegmentedBuffer : IBufferWriter<byte>
{
    /// <summary>The largest segment size: below the 85,000-byte large-object threshold.</summary>
    public const int SegmentSize = 64 * 1024;

    /// <summary>The first segment's size; each next one doubles up to <see cref="SegmentSize"/>, so a small body stays small.</summary>
    public const int FirstSegmentSize = 4 * 1024;

    private BufferSegment? _first;
    private BufferSegment? _last;
    private int _lastWritten;

    /// <summary>Gets the number of bytes written.</summary>
    public long Length => _last is null ? 0 : _last.RunningIndex + _lastWritten;

    /// <summary>Gets the bytes written so far (the segments themselves, not a copy).</summary>
    public ReadOnlySequence<byte> WrittenSequence => _first is null
        ? ReadOnlySequence<byte>.Empty
        : new ReadOnlySequence<byte>(_first, 0, _last!, _lastWritten);

    /// <summary>Reads a stream to its end into a new buffer.</summary>
    /// <param name="stream">The stream (a response body).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The buffer.</returns>
    public static async Task<SegmentedBuffer> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new SegmentedBuffer();
        int read;
        while ((read = await stream.ReadAsync(buffer.GetMemory(), cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Advance(read);
        }

        return buffer;
    }

    /// <inheritdoc/>
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_last is null || _lastWritten + count > _last.Array.Length)
        {
            throw new InvalidOperationException("Advanced past the memory handed out.");
        }

        _lastWritten += count;
        _last.Memory = _last.Array.AsMemory(0, _lastWritten);
    }

    /// <inheritdoc/>
    public Memory<byte> GetMemory(int sizeHint = 0) => Reserve(sizeHint).AsMemory(_lastWritten);

    /// <inheritdoc/>
    public Span<byte> GetSpan(int sizeHint = 0) => Reserve(sizeHint).AsSpan(_lastWritten);

    /// <summary>Copies the written bytes into one array of their exact size (for small bodies and tests).</summary>
    /// <returns>The copy.</returns>
    public byte[] ToArray() => WrittenSequence.ToArray();

    /// <summary>Appends text as UTF-8.</summary>
    /// <param name="text">The text.</param>
    /// <returns>This buffer, to chain appends.</returns>
    public SegmentedBuffer Append(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var chars = text.AsSpan();
        while (!chars.IsEmpty)
        {
            // At most a segment's worth per step: a long text does not ask for one large array.
            var take = Math.Min(chars.Length, SegmentSize / 3);
            if (take < chars.Length && char.IsHighSurrogate(chars[take - 1]))
            {
                take--;
            }

            Advance(Encoding.UTF8.GetBytes(chars[..take], GetSpan(Encoding.UTF8.GetMaxByteCount(take))));
            chars = chars[take..];
        }

        return this;
    }

    /// <summary>Appends a JSON value as UTF-8 (as <see cref="JsonNode.ToJsonString(JsonSerializerOptions?)"/> writes it).</summary>
    /// <param name="node">The value.</param>
    /// <returns>This buffer, to chain appends.</returns>
    public SegmentedBuffer AppendJson(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        using var writer = new Utf8JsonWriter(this);
        node.WriteTo(writer);
        return this;
    }

    /// <summary>Writes the bytes to a stream, segment by segment.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when written.</returns>
    public async Task CopyToAsync(Stream stream, CancellationToken cancellationToken)
    {
        foreach (var segment in WrittenSequence)
        {
            await stream.WriteAsync(segment, cancellationToken).ConfigureAwait(false);
        }
    }

    private byte[] Reserve(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_last is null || _last.Array.Length - _lastWritten < needed)
        {
            var size = _last is null ? FirstSegmentSize : Math.Min(SegmentSize, _last.Array.Length * 2);
            var segment = new BufferSegment(new byte[Math.Max(needed, size)]);
            if (_last is null)
            {
                _first = segment;
            }
            else
            {
                _last.Append(segment);
            }

            _last = segment;
            _lastWritten = 0;
        }

        return _last.Array;
    }
}
