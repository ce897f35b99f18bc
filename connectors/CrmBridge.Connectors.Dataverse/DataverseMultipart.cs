namespace CrmBridge.Connectors.Dataverse;

/// <summary>Splits <c>multipart/mixed</c> text into parts of (headers, content); used for <c>$batch</c> responses.</summary>
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

    public static List<(Dictionary<string, string> Headers, string Content)> Split(string boundary, string text)
    {
        var parts = new List<(Dictionary<string, string>, string)>();
        List<string>? current = null;
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line == "--" + boundary || line == "--" + boundary + "--")
            {
                if (current is not null)
                {
                    parts.Add(HeadersAndBody(current, 0));
                }

                current = line.EndsWith("--", StringComparison.Ordinal) && line != "--" + boundary ? null : [];
                continue;
            }

            current?.Add(raw);
        }

        return parts;
    }

    /// <summary>Parses an <c>application/http</c> response: status line, headers, body.</summary>
    public static (int Status, Dictionary<string, string> Headers, string Body) Response(string content)
    {
        var lines = content.Split('\n').SkipWhile(l => l.Trim().Length == 0).ToList();
        var words = lines.Count > 0 ? lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        if (words.Length < 2 || !int.TryParse(words[1], out var status))
        {
            throw new FormatException("batch response part without an HTTP status line");
        }

        var (headers, body) = HeadersAndBody(lines, 1);
        return (status, headers, body);
    }

    private static (Dictionary<string, string> Headers, string Body) HeadersAndBody(List<string> lines, int start)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = start;
        while (i < lines.Count && lines[i].Trim().Length == 0 && start == 0)
        {
            i++;
        }

        for (; i < lines.Count && lines[i].Trim().Length > 0; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[lines[i][..colon].Trim()] = lines[i][(colon + 1)..].Trim();
            }
        }

        return (headers, i < lines.Count ? string.Join('\n', lines.Skip(i + 1)).Trim() : string.Empty);
    }
}
