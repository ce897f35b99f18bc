using System.Text;

namespace CrmBridge.Cli.Demo.Calls;

/// <summary>
/// Records each HTTP request the bridge sends (each attempt: it sits innermost, below retries) in the current
/// <see cref="DemoCallScope"/>, or as an unscoped call of the system the address belongs to. A <c>$batch</c> of GETs
/// (Dataverse's reads by many ids) is recorded under the address of its first GET, so it counts as what it reads
/// (order lines or records).
/// </summary>
internal sealed class DemoCallCountingHandler : DelegatingHandler
{
    /// <summary>How much of a batch body is looked at for its first request line (a request line starts within it).</summary>
    private const int BatchHead = 4096;

    private readonly DemoCallLedger _ledger;
    private readonly IReadOnlyDictionary<string, string> _systemsByAuthority;

    public DemoCallCountingHandler(DemoCallLedger ledger, IReadOnlyDictionary<string, string> systemsByAuthority)
    {
        _ledger = ledger;
        _systemsByAuthority = systemsByAuthority;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri)
        {
            if (DemoCallScope.Current is { } scope)
            {
                scope.Add(await BatchedGetAsync(request, cancellationToken).ConfigureAwait(false) ?? uri);
            }
            else
            {
                _ledger.AddUnscoped(_systemsByAuthority.GetValueOrDefault(uri.Authority, uri.Authority));
            }
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets the address (without query) of the first GET inside a <c>$batch</c>, or <see langword="null"/>.</summary>
    private static async Task<Uri?> BatchedGetAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Post || request.Content is null || !request.RequestUri!.AbsolutePath.EndsWith("/$batch", StringComparison.Ordinal))
        {
            return null;
        }

        // Buffered content (StringContent) hands out a new stream per call, so reading its head does not consume it.
        var stream = await request.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[BatchHead];
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            var head = Encoding.UTF8.GetString(buffer, 0, read);
            var get = head.IndexOf("\nGET ", StringComparison.Ordinal);
            if (get < 0)
            {
                return null;
            }

            var url = head[(get + 5)..].Split(' ', '?', '\r', '\n')[0];
            return Uri.TryCreate(request.RequestUri, url, out var address) ? address : null;
        }
    }
}
