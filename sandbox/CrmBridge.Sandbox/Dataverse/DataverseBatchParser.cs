namespace CrmBridge.Sandbox.Dataverse;

/// <summary>Parses a <c>multipart/mixed</c> <c>$batch</c> body (parts of <c>application/http</c>, nested changesets).</summary>
public static class DataverseBatchParser
{
    private const string ApiRoot = "/api/data/v9.2/";

    /// <summary>Parses a batch body.</summary>
    /// <param name="contentType">The request's Content-Type (carries the boundary).</param>
    /// <param name="body">The body.</param>
    /// <returns>The parts, in order.</returns>
    /// <exception cref="DataverseApiException">400 when the body is not a valid batch.</exception>
    public static IReadOnlyList<BatchPart> Parse(string? contentType, string body)
    {
        var parts = new List<BatchPart>();
        foreach (var (headers, content) in Split(Boundary(contentType), body))
        {
            var type = headers.GetValueOrDefault("Content-Type") ?? string.Empty;
            if (type.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase))
            {
                var operations = Split(Boundary(type), content).Select(p => Operation(p.Headers, p.Content)).ToList();
                if (operations.Any(o => o.Request.Method == "GET"))
                {
                    throw Invalid("GET requests are not allowed inside a changeset");
                }

                parts.Add(new BatchPart(operations, true));
            }
            else
            {
                parts.Add(new BatchPart([Operation(headers, content)], false));
            }
        }

        if (parts.Sum(p => p.Operations.Count) > 1000)
        {
            throw new DataverseApiException(400, "0x8005f103", "The number of requests in the batch exceeds the maximum of 1000.");
        }

        return parts;
    }

    private static BatchOperation Operation(Dictionary<string, string> headers, string content)
    {
        if (!(headers.GetValueOrDefault("Content-Type") ?? string.Empty).StartsWith("application/http", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid("every part must be application/http or a multipart/mixed changeset");
        }

        var (innerHeaders, body, firstLine) = Headers(content, requestLine: true);
        var words = firstLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2)
        {
            throw Invalid($"malformed request line '{firstLine}'");
        }

        var url = words[1];
        var root = url.IndexOf(ApiRoot, StringComparison.OrdinalIgnoreCase);
        var path = root >= 0 ? url[(root + ApiRoot.Length)..] : url.TrimStart('/');
        return new BatchOperation(headers.GetValueOrDefault("Content-ID"), new DataverseRequest(words[0].ToUpperInvariant(), path, innerHeaders, body.Trim())) { Url = url };
    }

    private static string Boundary(string? contentType)
    {
        var at = contentType?.IndexOf("boundary=", StringComparison.OrdinalIgnoreCase) ?? -1;
        if (at < 0)
        {
            throw Invalid("the Content-Type has no boundary");
        }

        return contentType![(at + 9)..].Split(';')[0].Trim().Trim('"');
    }

    private static List<(Dictionary<string, string> Headers, string Content)> Split(string boundary, string body)
    {
        var parts = new List<(Dictionary<string, string>, string)>();
        var lines = body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        List<string>? current = null;
        var closed = false;
        foreach (var line in lines)
        {
            if (line.TrimEnd() == "--" + boundary || line.TrimEnd() == "--" + boundary + "--")
            {
                if (current is not null)
                {
                    var (headers, content, _) = Headers(string.Join('\n', current), requestLine: false);
                    parts.Add((headers, content));
                }

                closed = line.TrimEnd().EndsWith("--", StringComparison.Ordinal) && line.TrimEnd() != "--" + boundary;
                current = closed ? null : [];
                if (closed)
                {
                    break;
                }

                continue;
            }

            current?.Add(line);
        }

        if (!closed)
        {
            throw Invalid($"the closing delimiter --{boundary}-- is missing");
        }

        return parts;
    }

    private static (Dictionary<string, string> Headers, string Body, string FirstLine) Headers(string text, bool requestLine)
    {
        var lines = text.Split('\n');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < lines.Length && lines[i].Trim().Length == 0)
        {
            i++;
        }

        var first = string.Empty;
        if (requestLine && i < lines.Length)
        {
            first = lines[i++].Trim();
        }

        for (; i < lines.Length && lines[i].Trim().Length > 0; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw Invalid($"malformed header line '{lines[i].Trim()}'");
            }

            headers[lines[i][..colon].Trim()] = lines[i][(colon + 1)..].Trim();
        }

        var body = i < lines.Length ? string.Join('\n', lines[(i + 1)..]).Trim('\n') : string.Empty;
        return (headers, body, first);
    }

    private static DataverseApiException Invalid(string what) => new(400, "0x80060888", $"The batch request is malformed: {what}.");
}
