using CrmBridge.Connectors.Json;

namespace CrmBridge.Connectors;

/// <summary>
/// A response whose body was read whole into a <see cref="SegmentedBuffer"/>, under one timeout for headers and body as
/// <see cref="HttpCompletionOption.ResponseContentRead"/> has. Unlike that option it needs no contiguous copy of the
/// body: a 5 MB change page is 64 KB segments, not a large-object-heap array (and another for
/// <see cref="HttpContent.ReadAsByteArrayAsync()"/>) per call.
/// </summary>
public sealed class BufferedResponse : IDisposable
{
    private BufferedResponse(HttpResponseMessage message, SegmentedBuffer body)
    {
        Message = message;
        Body = body;
    }

    /// <summary>Gets the response (status, headers); its content has been read.</summary>
    public HttpResponseMessage Message { get; }

    /// <summary>Gets the body's bytes.</summary>
    public SegmentedBuffer Body { get; }

    /// <summary>Sends a request and reads the whole body, within <see cref="HttpClient.Timeout"/> of <paramref name="client"/>.</summary>
    /// <param name="client">The client (from the factory).</param>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response and its body; dispose it.</returns>
    /// <exception cref="TaskCanceledException">The timeout elapsed (with a <see cref="TimeoutException"/> inside, as <see cref="HttpClient"/> throws).</exception>
    /// <exception cref="HttpRequestException">The call failed, or the connection dropped while the body was read.</exception>
    public static async Task<BufferedResponse> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (client.Timeout != Timeout.InfiniteTimeSpan)
        {
            timeout.CancelAfter(client.Timeout);
        }

        HttpResponseMessage? message = null;
        try
        {
            message = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var stream = await message.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            return new BufferedResponse(message, await SegmentedBuffer.ReadAsync(stream, timeout.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            message?.Dispose();
            throw new TaskCanceledException(
                $"The request was canceled due to the configured HttpClient.Timeout of {client.Timeout.TotalSeconds} seconds elapsing.",
                new TimeoutException(error.Message, error));
        }
        catch (IOException error)
        {
            // The connection dropped mid-body: what HttpClient reports when it buffers the content itself.
            message?.Dispose();
            throw new HttpRequestException($"Error while copying content to a stream: {error.Message}", error);
        }
        catch
        {
            message?.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Message.Dispose();
}
