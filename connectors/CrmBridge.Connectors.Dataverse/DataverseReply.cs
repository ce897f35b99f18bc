using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBridge.Connectors.Json;

namespace CrmBridge.Connectors.Dataverse;

/// <summary>A Web API response read to the end (status, the headers the connector uses, body).</summary>
/// <remarks>
/// A body read from the wire is kept as its UTF-8 bytes (a batch part's as a slice of the batch's) and parsed from them
/// with <see cref="SplitJson"/>: a change page of 5,000 records is then neither turned into a UTF-16 string nor copied
/// whole by the parser. <see cref="Body"/> decodes it on first use (errors).
/// </remarks>
internal sealed record DataverseReply
{
    private readonly ReadOnlySequence<byte>? _utf8;
    private string? _body;

    /// <summary>Initializes a new instance of the <see cref="DataverseReply"/> class from body text.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="headers">The response and content headers that matter (ETag, OData-EntityId, Retry-After, Content-Type).</param>
    /// <param name="body">The body text.</param>
    /// <param name="retryAfter">The parsed Retry-After.</param>
    public DataverseReply(int status, IReadOnlyDictionary<string, string> headers, string body, TimeSpan? retryAfter)
    {
        Status = status;
        Headers = headers;
        _body = body;
        RetryAfter = retryAfter;
    }

    /// <summary>Initializes a new instance of the <see cref="DataverseReply"/> class from a UTF-8 body (a byte order mark is skipped).</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="headers">The response and content headers that matter.</param>
    /// <param name="utf8Body">The body bytes, UTF-8 (kept, not copied).</param>
    /// <param name="retryAfter">The parsed Retry-After.</param>
    public DataverseReply(int status, IReadOnlyDictionary<string, string> headers, ReadOnlyMemory<byte> utf8Body, TimeSpan? retryAfter)
        : this(status, headers, new ReadOnlySequence<byte>(utf8Body), retryAfter)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DataverseReply"/> class from a UTF-8 body in segments (a byte order mark is skipped).</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="headers">The response and content headers that matter.</param>
    /// <param name="utf8Body">The body bytes, UTF-8 (kept, not copied).</param>
    /// <param name="retryAfter">The parsed Retry-After.</param>
    public DataverseReply(int status, IReadOnlyDictionary<string, string> headers, ReadOnlySequence<byte> utf8Body, TimeSpan? retryAfter)
    {
        Status = status;
        Headers = headers;
        _utf8 = utf8Body;
        RetryAfter = retryAfter;
    }

    public int Status { get; }

    public IReadOnlyDictionary<string, string> Headers { get; }

    public TimeSpan? RetryAfter { get; }

    /// <summary>Gets the body text.</summary>
    public string Body => _body ??= Encoding.UTF8.GetString(Utf8);

    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>Gets a value indicating whether the body is empty or white space.</summary>
    public bool IsBlank
    {
        get
        {
            if (_utf8 is null)
            {
                return string.IsNullOrWhiteSpace(_body);
            }

            foreach (var segment in Utf8)
            {
                foreach (var b in segment.Span)
                {
                    if (b >= 0x80)
                    {
                        return string.IsNullOrWhiteSpace(Body);
                    }

                    if (!char.IsWhiteSpace((char)b))
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }

    /// <summary>Gets the body as UTF-8 (without a byte order mark); encoded on use when the reply was built from text.</summary>
    public ReadOnlySequence<byte> Utf8 => _utf8 is { } bytes
        ? SplitJson.WithoutByteOrderMark(bytes)
        : new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(_body ?? string.Empty));

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public JsonObject? Json()
    {
        if (IsBlank)
        {
            return null;
        }

        try
        {
            return _utf8 is null ? JsonNode.Parse(_body!) as JsonObject : SplitJson.Parse(Utf8) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
