using System.Text;

namespace CrmBridge.Connectors.Dataverse;

/// <summary>
/// Splits <c>multipart/mixed</c> bytes into parts of (headers, content); used for <c>$batch</c> responses. Parts and
/// bodies are slices of the reply's bytes, never copies: the lines of 5,000 orders answer a batch of about 12 MB, which
/// as text was decoded, split, joined and trimmed into five large-object-heap strings per call.
/// </summary>
internal static class DataverseMultipart
{
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
    public static List<(Dictionary<string, string> Headers, ReadOnlyMemory<byte> Content)> Split(string boundary, ReadOnlyMemory<byte> body)
    {
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var parts = new List<(Dictionary<string, string>, ReadOnlyMemory<byte>)>();
        var partStart = -1;
        var at = 0;
        var span = body.Span;
        while (at < span.Length)
        {
            var end = span[at..].IndexOf((byte)'\n');
            var next = end < 0 ? span.Length : at + end + 1;
            var line = span[at..(end < 0 ? span.Length : at + end)].TrimEnd(" \t\r"u8);
            var closing = line.Length == delimiter.Length + 2 && line.StartsWith(delimiter) && line.EndsWith("--"u8);
            if (closing || line.SequenceEqual(delimiter))
            {
                if (partStart >= 0)
                {
                    parts.Add(HeadersAndBody(body[partStart..at], skipLeadingBlank: true));
                }

                partStart = closing ? -1 : next;
                if (closing)
                {
                    break;
                }
            }

            at = next;
        }

        return parts;
    }

    /// <summary>Parses an <c>application/http</c> response: status line, headers, body.</summary>
    /// <param name="content">A part's content.</param>
    /// <returns>The status, headers and body (a slice of <paramref name="content"/>, trimmed).</returns>
    public static (int Status, Dictionary<string, string> Headers, ReadOnlyMemory<byte> Body) Response(ReadOnlyMemory<byte> content)
    {
        var span = content.Span;
        var start = 0;
        while (start < span.Length && IsBlankLine(span[start..], out var length))
        {
            start += length;
        }

        var lineEnd = span[start..].IndexOf((byte)'\n');
        var statusLine = Encoding.UTF8.GetString(span[start..(lineEnd < 0 ? span.Length : start + lineEnd)]);
        var words = statusLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || !int.TryParse(words[1], out var status))
        {
            throw new FormatException("batch response part without an HTTP status line");
        }

        var (headers, body) = HeadersAndBody(lineEnd < 0 ? ReadOnlyMemory<byte>.Empty : content[(start + lineEnd + 1)..], skipLeadingBlank: false);
        return (status, headers, body);
    }

    private static (Dictionary<string, string> Headers, ReadOnlyMemory<byte> Body) HeadersAndBody(ReadOnlyMemory<byte> content, bool skipLeadingBlank)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var span = content.Span;
        var at = 0;
        while (skipLeadingBlank && at < span.Length && IsBlankLine(span[at..], out var blank))
        {
            at += blank;
        }

        while (at < span.Length)
        {
            var end = span[at..].IndexOf((byte)'\n');
            var next = end < 0 ? span.Length : at + end + 1;
            var line = span[at..(end < 0 ? span.Length : at + end)].Trim(" \t\r"u8);
            at = next;
            if (line.IsEmpty)
            {
                return (headers, Trim(content[at..]));
            }

            var colon = line.IndexOf((byte)':');
            if (colon > 0)
            {
                headers[Encoding.UTF8.GetString(line[..colon].Trim(" \t"u8))] = Encoding.UTF8.GetString(line[(colon + 1)..].Trim(" \t"u8));
            }
        }

        return (headers, ReadOnlyMemory<byte>.Empty);
    }

    private static bool IsBlankLine(ReadOnlySpan<byte> span, out int length)
    {
        var end = span.IndexOf((byte)'\n');
        length = end < 0 ? span.Length : end + 1;
        return span[..(end < 0 ? span.Length : end)].Trim(" \t\r"u8).IsEmpty;
    }

    private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> bytes)
    {
        var span = bytes.Span;
        var start = span.Length - span.TrimStart(" \t\r\n"u8).Length;
        var end = span.TrimEnd(" \t\r\n"u8).Length;
        return start >= end ? ReadOnlyMemory<byte>.Empty : bytes[start..end];
    }
}
