using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Json;

/// <summary>
/// A request body held as UTF-8 in 64 KB segments (<see cref="SegmentedBuffer"/>), sent with its Content-Length: a batch
/// of 100 records, or a <c>$batch</c> of 1,000 operations, is neither a UTF-16 string nor a second byte copy of it
/// (<see cref="StringContent"/>), both on the large object heap. The buffer is only read, so a retry may send it again.
/// </summary>
public sealed class SegmentedContent : HttpContent
{
    private readonly SegmentedBuffer _body;

    /// <summary>Initializes a new instance of the <see cref="SegmentedContent"/> class.</summary>
    /// <param name="body">The body (not copied: do not write to it afterwards).</param>
    /// <param name="mediaType">The Content-Type value (with its parameters, e.g. a multipart boundary).</param>
    public SegmentedContent(SegmentedBuffer body, string mediaType)
    {
        _body = body;
        Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
    }

    /// <summary>Writes a JSON body as UTF-8 (<c>application/json; charset=utf-8</c>).</summary>
    /// <param name="node">The body (serialized now; later changes to it are not sent).</param>
    /// <returns>The content.</returns>
    public static SegmentedContent Json(JsonNode node)
    {
        return new SegmentedContent(new SegmentedBuffer().AppendJson(node), "application/json; charset=utf-8");
    }

    /// <inheritdoc/>
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        _body.CopyToAsync(stream, CancellationToken.None);

    /// <inheritdoc/>
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _body.CopyToAsync(stream, cancellationToken);

    /// <inheritdoc/>
    protected override bool TryComputeLength(out long length)
    {
        length = _body.Length;
        return true;
    }
}
