using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBridge.Connectors.Json;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>An API response read to the end.</summary>
/// <remarks>
/// A body read from the wire stays as its UTF-8 segments and is parsed from them with <see cref="SplitJson"/>: a page of
/// up to 20,000 entities is neither a UTF-16 string nor one whole-body document on the large object heap.
/// <see cref="Body"/> decodes it on first use (errors).
/// </remarks>
internal sealed class BusinessCentralReply
{
    private readonly ReadOnlySequence<byte>? _utf8;
    private string? _body;

    /// <summary>Initializes a new instance of the <see cref="BusinessCentralReply"/> class from body text.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="headers">The response and content headers.</param>
    /// <param name="body">The body text.</param>
    /// <param name="retryAfter">The parsed Retry-After, if any.</param>
    public BusinessCentralReply(int status, IReadOnlyDictionary<string, string> headers, string body, TimeSpan? retryAfter)
    {
        Status = status;
        Headers = headers;
        _body = body;
        RetryAfter = retryAfter;
    }

    /// <summary>Initializes a new instance of the <see cref="BusinessCentralReply"/> class from a UTF-8 body (kept, not copied).</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="headers">The response and content headers.</param>
    /// <param name="utf8Body">The body bytes.</param>
    /// <param name="retryAfter">The parsed Retry-After, if any.</param>
    public BusinessCentralReply(int status, IReadOnlyDictionary<string, string> headers, ReadOnlySequence<byte> utf8Body, TimeSpan? retryAfter)
    {
        Status = status;
        Headers = headers;
        _utf8 = SplitJson.WithoutByteOrderMark(utf8Body);
        RetryAfter = retryAfter;
    }

    /// <summary>Gets the HTTP status.</summary>
    public int Status { get; }

    /// <summary>Gets the response and content headers.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>Gets the parsed Retry-After, if any.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Gets the body text.</summary>
    public string Body => _body ??= Encoding.UTF8.GetString(_utf8!.Value);

    public bool IsSuccess => Status is >= 200 and < 300;

    public JsonObject? Json()
    {
        if (_utf8 is { } utf8 ? SplitJson.IsBlank(utf8) : string.IsNullOrWhiteSpace(_body))
        {
            return null;
        }

        try
        {
            return (_utf8 is { } bytes ? SplitJson.Parse(bytes) : JsonNode.Parse(_body!)) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
