using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Json;

/// <summary>
/// A JSON request body written straight to UTF-8 in 64 KB segments (<see cref="SegmentedBuffer"/>), with its
/// Content-Length: a batch of 100 records is neither a UTF-16 string nor a second byte copy of it
/// (<see cref="StringContent"/>), both on the large object heap.
/// </summary>
public sealed class JsonNodeContent : HttpContent
{
    private readonly SegmentedBuffer _body = new();

    /// <summary>Initializes a new instance of the <see cref="JsonNodeContent"/> class.</summary>
    /// <param name="node">The body (serialized now; later changes to it are not sent).</param>
    public JsonNodeContent(JsonNode node)
    {
        using (var writer = new Utf8JsonWriter(_body))
        {
            node.WriteTo(writer);
        }

        Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
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
