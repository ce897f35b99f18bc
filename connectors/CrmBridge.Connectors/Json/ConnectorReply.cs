using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
namespace CrmBridge.Connectors.Json;

/// <summary>An API response read to the end (status, headers, body), as the Dataverse and Business Central connectors keep it.</summary>
/// <remarks>
/// A body read from the wire is kept as its UTF-8 bytes (<see cref="BufferedResponse"/>'s segments; a batch part's as a
/// slice of the batch's) and parsed from them with <see cref="SplitJson"/>: a change page of 5,000 records, or 20,000
/// entities, is then neither turned into a UTF-16 string nor copied whole by the parser. <see cref="Body"/> decodes it
/// on first use (errors).
/// </remarks>
public sealed class ConnectorReply
{
    private readonly ReadOnlySequence<byte>? _utf8;
    private string? _body;

    /// <summary>Initializes a new instance of the <see cref="ConnectorReply"/> class from body text.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="headers">The response and content headers.</param>
    /// <param name="body">The body text.</param>
    /// <param name="retryAfter">The parsed Retry-After.</param>
    public ConnectorReply(int status, IReadOnlyDictionary<string, string> headers, string body, TimeSpan? retryAfter)
    {
        Status = status;
        Headers = headers;
        _body = body;
        RetryAfter = retryAfter;
    }

    /// <summary>Initializes a new instance of the <see cref="ConnectorReply"/> class from a UTF-8 body (a byte order mark is skipped).</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="headers">The response and content headers.</param>
    /// <param name="utf8Body">The body bytes, UTF-8 (kept, not copied).</param>
    /// <param name="retryAfter">The parsed Retry-After.</param>
    public ConnectorReply(int status, IReadOnlyDictionary<string, string> headers, ReadOnlyMemory<byte> utf8Body, TimeSpan? retryAfter)
        : this(status, headers, new ReadOnlySequence<byte>(utf8Body), retryAfter)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConnectorReply"/> class from a UTF-8 body in segments (a byte order mark is skipped).</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="headers">The response and content headers.</param>
    /// <param name="utf8Body">The body bytes, UTF-8 (kept, not copied).</param>
    /// <param name="retryAfter">The parsed Retry-After.</param>
    public ConnectorReply(int status, IReadOnlyDictionary<string, string> headers, ReadOnlySequence<byte> utf8Body, TimeSpan? retryAfter)
    {
        Status = status;
        Headers = headers;
        _utf8 = utf8Body;
        RetryAfter = retryAfter;
    }

    /// <summary>Gets the HTTP status.</summary>
    public int Status { get; }

    /// <summary>Gets the response and content headers (case-insensitive names, values joined by commas).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>Gets the parsed Retry-After, if any.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Gets the body text.</summary>
    public string Body => _body ??= Encoding.UTF8.GetString(Utf8);

    /// <summary>Gets a value indicating whether the status is 2xx.</summary>
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>Gets a value indicating whether the body is empty or white space.</summary>
    public bool IsBlank => _utf8 is null ? string.IsNullOrWhiteSpace(_body) : SplitJson.IsBlank(Utf8);

    /// <summary>Gets the body as UTF-8 (without a byte order mark); encoded on use when the reply was built from text.</summary>
    public ReadOnlySequence<byte> Utf8 => _utf8 is { } bytes
        ? SplitJson.WithoutByteOrderMark(bytes)
        : new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(_body ?? string.Empty));

    /// <summary>Gets a header's value.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Parses the body as a JSON object.</summary>
    /// <returns>The object; <see langword="null"/> when the body is blank, not JSON or not an object.</returns>
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
