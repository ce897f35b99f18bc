using CrmBridge.Connectors.Webhooks;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Functions.Webhooks;

/// <summary>Maps an ASP.NET Core <see cref="HttpRequest"/> to the host-neutral <see cref="WebhookRequest"/>.</summary>
internal static class WebhookRequestReader
{
    /// <summary>Reads the request, at most <paramref name="maxBodyBytes"/> of body.</summary>
    /// <param name="request">The HTTP request.</param>
    /// <param name="maxBodyBytes">The largest body read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The webhook request, or <see langword="null"/> when the body is larger than the limit.</returns>
    public static async Task<WebhookRequest?> ReadAsync(HttpRequest request, int maxBodyBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBodyBytes)
        {
            return null;
        }

        // Read one byte past the limit so an oversized body without Content-Length is detected without buffering it all.
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBodyBytes)
            {
                return null;
            }
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key] = header.Value.ToString();
        }

        var query = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in request.Query)
        {
            query[item.Key] = item.Value.ToString();
        }

        return new WebhookRequest(headers, query, buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }
}
