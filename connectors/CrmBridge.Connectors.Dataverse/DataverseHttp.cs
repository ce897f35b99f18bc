using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using CrmBridge.Connectors.Entra;
using CrmBridge.Connectors.Json;

namespace CrmBridge.Connectors.Dataverse;

/// <summary>
/// Sends Web API requests: bounded concurrency per application user (below Dataverse's 52), bearer token from the
/// cache, one token refresh on 401, network failures as transient <see cref="ConnectorException"/>s.
/// </summary>
internal sealed class DataverseHttp
{
    private readonly IHttpClientFactory _httpClients;
    private readonly EntraTokenCache _tokens;
    private readonly DataverseOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _limit;

    public DataverseHttp(IHttpClientFactory httpClients, EntraTokenCache tokens, DataverseOptions options, TimeProvider time, ILogger logger)
    {
        _httpClients = httpClients;
        _tokens = tokens;
        _options = options;
        _time = time;
        _logger = logger;
        _limit = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
        ApiRoot = new Uri(options.EnvironmentUrl!, "api/data/v9.2/");
    }

    public Uri ApiRoot { get; }

    public async Task<ConnectorReply> SendAsync(Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        await _limit.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
                using var request = build();
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                request.Headers.TryAddWithoutValidation("OData-MaxVersion", "4.0");
                request.Headers.TryAddWithoutValidation("OData-Version", "4.0");
                request.Headers.Accept.ParseAdd("application/json");
                using var buffered = await SendCoreAsync(request, cancellationToken).ConfigureAwait(false);
                var response = buffered.Message;
                if ((int)response.StatusCode == 401 && attempt == 0)
                {
                    DataverseLog.TokenRejected(_logger, _options.System);
                    _tokens.Invalidate(token);
                    continue;
                }

                if ((int)response.StatusCode == 401)
                {
                    throw new ConnectorException(_options.System, ErrorKind.Transient, "UNAUTHORIZED",
                        $"{_options.System}: the API answered 401 again after a token refresh (is the application user enabled?)", 401);
                }

                var headers = response.Headers.Concat(response.Content.Headers)
                    .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
                var retryAfter = ConnectorErrors.ParseRetryAfter(response.Headers.RetryAfter, _time.GetUtcNow());
                var charset = response.Content.Headers.ContentType?.CharSet?.Trim('"');
                return charset is null || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
                    ? new ConnectorReply((int)response.StatusCode, headers, buffered.Body.WrittenSequence, retryAfter)
                    : new ConnectorReply((int)response.StatusCode, headers, Decode(charset, buffered.Body.WrittenSequence), retryAfter);
            }
        }
        finally
        {
            _limit.Release();
        }
    }

    /// <summary>Posts a <c>$batch</c> whose multipart body the caller wrote with <paramref name="boundary"/>.</summary>
    /// <param name="boundary">The batch boundary the body uses.</param>
    /// <param name="body">The multipart body, UTF-8 (sent as is, again on a retry).</param>
    /// <param name="continueOnError">Sends <c>Prefer: odata.continue-on-error</c> (writes); reads stop at the first failure.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The reply.</returns>
    public Task<ConnectorReply> SendBatchAsync(string boundary, SegmentedBuffer body, bool continueOnError, CancellationToken cancellationToken) =>
        SendAsync(
            () =>
            {
                var message = new HttpRequestMessage(HttpMethod.Post, new Uri(ApiRoot, "$batch")) { Content = new SegmentedContent(body, $"multipart/mixed; boundary={boundary}") };
                if (continueOnError)
                {
                    message.Headers.TryAddWithoutValidation("Prefer", "odata.continue-on-error");
                }

                return message;
            },
            cancellationToken);

    /// <summary>Gets a new <c>$batch</c> boundary.</summary>
    /// <returns><c>batch_</c> and a GUID.</returns>
    public static string NewBatchBoundary() => "batch_" + Guid.NewGuid().ToString("N");

    public ConnectorException Error(ConnectorReply reply, string entity)
    {
        var error = DataverseErrors.From(_options.System, reply.Status, reply.Body, reply.RetryAfter);
        if (error.Kind == ErrorKind.Throttled)
        {
            DataverseLog.Throttled(_logger, _options.System, entity, error.ErrorCode, error.RetryAfter);
        }

        return error;
    }

    private static string Decode(string charset, ReadOnlySequence<byte> body)
    {
        Encoding encoding;
        try
        {
            encoding = Encoding.GetEncoding(charset);
        }
        catch (ArgumentException)
        {
            encoding = Encoding.UTF8;
        }

        var text = encoding.GetString(body);
        return text.StartsWith('\uFEFF') ? text[1..] : text;
    }

    private async Task<BufferedResponse> SendCoreAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            // A client per call from the factory: its pooled handler is recycled on the handler lifetime, so DNS changes are seen.
            // The body lands in 64 KB segments the reply keeps: no large-object-heap copy of a 5 MB page.
            return await BufferedResponse.SendAsync(_httpClients.CreateClient(DataverseConnector.HttpClientName), request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException error)
        {
            throw ConnectorErrors.FromNetwork(_options.System, error);
        }
        catch (TaskCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw ConnectorErrors.FromNetwork(_options.System, error);
        }
    }
}
