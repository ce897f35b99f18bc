using System.Buffers;

namespace CrmBridge.Connectors.Json;

/// <summary>One segment of a <see cref="SegmentedBuffer"/>: its array, and the part written so far as its memory.</summary>
internal sealed class BufferSegment : ReadOnlySequenceSegment<byte>
{
    public BufferSegment(byte[] array) => Array = array;

    public byte[] Array { get; }

    public new ReadOnlyMemory<byte> Memory
    {
        get => base.Memory;
        set => base.Memory = value;
    }

    public void Append(BufferSegment next)
    {
        next.RunningIndex = RunningIndex + Memory.Length;
        Next = next;
    }
}
