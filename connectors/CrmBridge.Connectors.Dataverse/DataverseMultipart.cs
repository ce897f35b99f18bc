using System.Buffers;
using System.Text;

namespace CrmBridge.Connectors.Dataverse;

/// <summary>
/// Splits <c>multipart/mixed</c> bytes into parts of (headers, content); used for <c>$batch</c> responses. Parts and
/// bodies are slices of the reply's bytes, never copies: the lines of 5,000 orders answer a batch of about 12 MB, which
/// as text was decoded, split, joined and trimmed into five large-object-heap strings per call.
/// </summary>
internal static class DataverseMultipart
{
    private static readonly byte[] Whitespace = " \t\r\n"u8.ToArray();

    /// <summary>Gets whether a content type is <c>multipart/mixed</c> (a batch or a change set).</summary>
    /// <param name="contentType">The Content-Type header value.</param>
    /// <returns><see langword="true"/> when multipart.</returns>
    public static bool IsMultipart(string? contentType) =>
        contentType?.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase) == true;

    public static string Boundary(string? contentType)
    {
        var at = contentType?.IndexOf("boundary=", StringComparison.OrdinalIgnoreCase) ?? -1;
        return at < 0 ? throw new FormatException("multipart content without a boundary") : contentType![(at + 9)..].Split(';')[0].Trim().Trim('"');
    }

    /// <summary>Splits multipart content at its boundary lines (<c>--boundary</c>, closed by <c>--boundary--</c>; CRLF or bare LF).</summary>
    /// <param name="boundary">The boundary.</param>
    /// <param name="body">The multipart content.</param>
    /// <returns>Each part's headers and content (slices of <paramref name="body"/>).</returns>
    public static List<(Dictionary<string, string> Headers, ReadOnlySequence<byte> Content)> Split(string boundary, ReadOnlySequence<byte> body)
    {
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var parts = new List<(Dictionary<string, string>, ReadOnlySequence<byte>)>();
        SequencePosition? partStart = null;
        var reader = new SequenceReader<byte>(body);
        while (!reader.End)
        {
            var lineStart = reader.Position;
            var line = NextLine(ref reader);
            if (!IsDelimiter(line, delimiter, out var closing))
            {
                continue;
            }

            if (partStart is { } start)
            {
                parts.Add(HeadersAndBody(body.Slice(start, lineStart), skipLeadingBlank: true));
            }

            if (closing)
            {
                break;
            }

            partStart = reader.Position;
        }

        return parts;
    }

    /// <summary>Parses an <c>application/http</c> response: status line, headers, body.</summary>
    /// <param name="content">A part's content.</param>
    /// <returns>The status, headers and body (a slice of <paramref name="content"/>, trimmed).</returns>
    public static (int Status, Dictionary<string, string> Headers, ReadOnlySequence<byte> Body) Response(ReadOnlySequence<byte> content)
    {
        var reader = new SequenceReader<byte>(content);
        var statusLine = ReadOnlySequence<byte>.Empty;
        while (!reader.End && IsBlank(statusLine = NextLine(ref reader)))
        {
        }

        var words = Encoding.UTF8.GetString(statusLine).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || !int.TryParse(words[1], out var status))
        {
            throw new FormatException("batch response part without an HTTP status line");
        }

        var (headers, body) = HeadersAndBody(content.Slice(reader.Position), skipLeadingBlank: false);
        return (status, headers, body);
    }

    private static (Dictionary<string, string> Headers, ReadOnlySequence<byte> Body) HeadersAndBody(ReadOnlySequence<byte> content, bool skipLeadingBlank)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var reader = new SequenceReader<byte>(content);
        var seenHeader = !skipLeadingBlank;
        while (!reader.End)
        {
            var line = Encoding.UTF8.GetString(NextLine(ref reader)).Trim();
            if (line.Length == 0)
            {
                if (seenHeader)
                {
                    return (headers, Trim(content.Slice(reader.Position)));
                }

                continue;
            }

            seenHeader = true;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return (headers, ReadOnlySequence<byte>.Empty);
    }

    /// <summary>Reads up to the next line feed (consumed, not returned), or to the end.</summary>
    private static ReadOnlySequence<byte> NextLine(ref SequenceReader<byte> reader)
    {
        if (reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n'))
        {
            return line;
        }

        line = reader.UnreadSequence;
        reader.AdvanceToEnd();
        return line;
    }

    private static bool IsDelimiter(ReadOnlySequence<byte> line, byte[] delimiter, out bool closing)
    {
        closing = false;
        if (line.Length < delimiter.Length || line.Length > delimiter.Length + 8)
        {
            return false;
        }

        Span<byte> text = stackalloc byte[(int)line.Length];
        line.CopyTo(text);
        var trimmed = text.TrimEnd(" \t\r"u8);
        closing = trimmed.Length == delimiter.Length + 2 && trimmed.StartsWith(delimiter) && trimmed.EndsWith("--"u8);
        return closing || trimmed.SequenceEqual(delimiter);
    }

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            if (!segment.Span.Trim(Whitespace).IsEmpty)
            {
                return false;
            }
        }

        return true;
    }

    private static ReadOnlySequence<byte> Trim(ReadOnlySequence<byte> bytes)
    {
        var reader = new SequenceReader<byte>(bytes);
        reader.AdvancePastAny(Whitespace);
        if (reader.End)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var start = reader.Position;
        var trailing = 0L;
        Span<byte> tail = stackalloc byte[64];
        var remaining = bytes.Slice(start);
        while (trailing < remaining.Length)
        {
            var take = (int)Math.Min(tail.Length, remaining.Length - trailing);
            remaining.Slice(remaining.Length - trailing - take, take).CopyTo(tail);
            var kept = tail[..take].TrimEnd(Whitespace).Length;
            trailing += take - kept;
            if (kept > 0)
            {
                break;
            }
        }

        return remaining.Slice(0, remaining.Length - trailing);
    }
}
